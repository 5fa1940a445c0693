#include "util/lang_tag.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>

#include "util/ascii.h"

namespace dateline {
namespace {

bool is_known_language(std::string_view code) {
  for (const char* const* known = uloc_getISOLanguages(); *known != nullptr; ++known) {
    if (code == *known) return true;
  }
  return false;
}

bool is_subtag(std::string_view s) {
  return !s.empty() && s.size() <= 8 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

}  // namespace

std::optional<std::string> language_of_tag(std::string_view tag) {
  std::string primary;
  for (std::size_t from = 0;;) {
    const std::size_t to = tag.find_first_of("-_", from);
    const std::string_view subtag = tag.substr(from, to == std::string_view::npos ? to : to - from);
    if (!is_subtag(subtag)) return std::nullopt;
    if (from == 0) primary = ascii_lower(subtag);
    if (to == std::string_view::npos) break;
    from = to + 1;
  }
  const bool letters = std::all_of(primary.begin(), primary.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
  if (primary.size() < 2 || primary.size() > 3 || !letters) return std::nullopt;
  // Deprecated codes as their current ones ("iw" -> "he", "in" -> "id"): CLD2 and old feeds
  // still write them.
  const std::string canonical = icu::Locale::createCanonical(primary.c_str()).getLanguage();
  if (!is_known_language(canonical)) return std::nullopt;
  return canonical;
}

std::optional<std::string> language_code_for_name(std::string_view name) {
  const std::string wanted = ascii_lower(trim(name));
  if (wanted.empty()) return std::nullopt;
  for (const char* const* code = uloc_getISOLanguages(); *code != nullptr; ++code) {
    icu::UnicodeString display;
    icu::Locale(*code).getDisplayLanguage(icu::Locale::getEnglish(), display);
    std::string utf8;
    display.toUTF8String(utf8);
    if (ascii_lower(utf8) == wanted) return std::string(*code);
  }
  return std::nullopt;
}

std::string unknown_language_message(std::string_view tag) {
  std::string message = "unknown language \"" + std::string(tag.substr(0, 40)) +
                        "\": give a BCP 47 language tag (ISO 639 code) such as en, de, fr, ar, "
                        "zh or ja";
  // "english" or "English" names a language whose code the user may not know.
  if (const auto code = language_code_for_name(tag)) {
    std::string name(trim(tag));
    if (!name.empty())
      name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    message += "; for " + name + " it is " + *code;
  }
  return message;
}

}  // namespace dateline
