// Language detection for articles that do not say their language (CLD2).
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// The BCP 47 primary subtag ("en", "zh", "ja") of the language `text` (valid UTF-8) is written
// in, or "" when the detector is not confident. Looks at the first few kilobytes only.
std::string detect_language(std::string_view text);

}  // namespace dateline
