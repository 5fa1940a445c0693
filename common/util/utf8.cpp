#include "util/utf8.h"

#include <simdjson.h>
#include <unicode/utf8.h>

namespace dateline::utf8 {

bool is_valid(std::string_view text) { return simdjson::validate_utf8(text.data(), text.size()); }

std::string repair(std::string_view text) {
  if (is_valid(text)) return std::string(text);
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size() + 16);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);  // advances past the maximal ill-formed subpart on error
    if (c < 0) {
      out += kReplacement;
    } else {
      out.append(text.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

std::size_t count_chars(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) n += is_boundary(text, i);
  return n;
}

std::vector<std::size_t> char_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_boundary(text, i)) starts.push_back(i);
  }
  return starts;
}

std::string excerpt(std::string_view bytes, std::size_t max_bytes) {
  std::string text = repair(bytes);
  if (text.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && !is_boundary(text, cut)) --cut;
    text = text.substr(0, cut) + "…";
  }
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text;
}

}  // namespace dateline::utf8
