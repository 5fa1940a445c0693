// BCP 47 language tags: the primary language subtag that Dateline keys languages by.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// The primary language subtag of `tag`, lower case ("pt-BR" -> "pt", "EN_gb" -> "en",
// "zh-Hant" -> "zh", deprecated "iw" -> "he"), when `tag` is a well-formed tag (subtags of 1 to 8
// letters and digits separated by '-' or '_', the first of 2 or 3 letters) whose language ISO 639
// knows. Nothing for anything else ("english", "xx-invalid-tag-!!", "").
std::optional<std::string> language_of_tag(std::string_view tag);

// Why `tag` is not a language, for an error message: "unknown language "english": give a
// BCP 47 language tag (ISO 639 code) such as en, de, fr, ar, zh or ja; for English it is en".
std::string unknown_language_message(std::string_view tag);

// The code of a language named in English ("German" -> "de", "klingon" -> "tlh"), for a
// message suggesting it; nothing when no language has that name.
std::optional<std::string> language_code_for_name(std::string_view name);

}  // namespace dateline
