// The search page served at `/`: one HTML file with its styles and script, no external assets.
// Its source is web/search_page.html, compiled in by CMake.
#pragma once

#include <string_view>

namespace dateline {

std::string_view search_page_html();

}  // namespace dateline
