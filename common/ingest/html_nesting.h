// A linear prescan of an HTML page for the nesting that makes gumbo, the HTML5 parser, slow
// or huge: its tree building checks the stack of open elements at each tag, so a page of
// 200,000 nested <div>s takes minutes, and 100,000 unclosed <b><i> take gigabytes before an
// assertion aborts the process. Pages nested deeper than a browser would build are refused
// before gumbo sees them (Chromium's parser caps the tree at 512 levels).
#pragma once

#include <cstddef>
#include <string_view>

namespace dateline {

inline constexpr std::size_t kMaxHtmlNesting = 512;

// The deepest nesting of elements in `html`, as the open tags not closed yet; counting stops
// past `limit`, returning limit + 1. Void elements (<br>, <img> ...), self-closing tags,
// elements whose end tag HTML makes optional (<p>, <li>, <td> ...), comments and the content
// of <script>, <style> and the like do not count. An end tag closes the innermost open
// element of its name and those inside it, as HTML does; a stray end tag closes nothing.
std::size_t html_nesting_depth(std::string_view html, std::size_t limit = kMaxHtmlNesting);

}  // namespace dateline
