#include "analysis/language_detect.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "util/lang_tag.h"
#include "util/utf8.h"

namespace dateline {

namespace {
constexpr std::size_t kSampleBytes = 8 << 10;

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 character.
std::string_view sample(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && !utf8::is_boundary(text, cut)) --cut;
  return text.substr(0, cut);
}
}  // namespace

std::string detect_language(std::string_view text) {
  const std::string_view head = sample(text, kSampleBytes);
  bool reliable = false;
  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  const CLD2::Language detected = CLD2::ExtDetectLanguageSummary(
      head.data(), static_cast<int>(head.size()), /*is_plain_text=*/true, language3, percent3,
      &text_bytes, &reliable);
  if (!reliable || detected == CLD2::UNKNOWN_LANGUAGE || detected == CLD2::TG_UNKNOWN_LANGUAGE) {
    return {};
  }
  return language_of_tag(CLD2::LanguageCode(detected)).value_or("");
}

}  // namespace dateline
