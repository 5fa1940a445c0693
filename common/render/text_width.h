// How many terminal columns text takes: East Asian wide and full-width characters take two,
// combining marks none. For laying out text output so columns stay right in every script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Columns `text` (valid UTF-8, no control characters) takes on a terminal.
std::size_t display_width(std::string_view text);

// Splits `text` into lines of at most `width` columns, breaking at spaces where there are any
// and between characters otherwise (CJK), never inside a character. Byte offsets of the line
// starts are returned; a line's end is the next start (or the end of the text).
std::vector<std::size_t> wrap_points(std::string_view text, std::size_t width);

}  // namespace dateline
