#include "render/text_width.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace dateline {
namespace {

std::size_t char_width(UChar32 c) {
  const auto type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    width += c < 0 ? 1 : char_width(c);
  }
  return width;
}

std::vector<std::size_t> wrap_points(std::string_view text, std::size_t width) {
  std::vector<std::size_t> starts{0};
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  std::size_t line_width = 0;
  std::size_t last_space = 0;  // byte after the last space on this line, 0 if none
  for (int32_t i = 0; i < length;) {
    const auto at = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const std::size_t w = c < 0 ? 1 : char_width(c);
    if (line_width + w > width && line_width > 0) {
      const std::size_t cut = last_space > starts.back() ? last_space : at;
      starts.push_back(cut);
      line_width = display_width(text.substr(cut, at - cut));
      last_space = 0;
    }
    line_width += w;
    if (c == ' ') last_space = static_cast<std::size_t>(i);
  }
  return starts;
}

}  // namespace dateline
