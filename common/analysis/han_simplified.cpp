#include "analysis/han_simplified.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace dateline {
namespace {

constexpr UChar32 kFirst = 0x3400;  // CJK Unified Ideographs Extension A ...
constexpr UChar32 kLast = 0x9FFF;   // ... through the Unified Ideographs block

// Every character of [kFirst, kLast] transliterated on its own line, in one call (about
// 30 ms); a character whose Simplified form is one other character maps to it.
std::vector<UChar32> build_table() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> to_simplified(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || to_simplified == nullptr) {
    throw std::runtime_error(
        std::string("ICU Traditional-Simplified transliterator unavailable: ") +
        u_errorName(status));
  }
  icu::UnicodeString all;
  for (UChar32 c = kFirst; c <= kLast; ++c) all.append(c).append(static_cast<UChar>('\n'));
  to_simplified->transliterate(all);
  std::vector<UChar32> table(static_cast<std::size_t>(kLast - kFirst + 1));
  UChar32 c = kFirst;
  int32_t line = 0;
  for (int32_t i = 0; i <= all.length() && c <= kLast; ++i) {
    if (i < all.length() && all[i] != '\n') continue;
    const icu::UnicodeString out = all.tempSubStringBetween(line, i);
    const bool one_char = out.length() > 0 && out.countChar32() == 1;
    table[static_cast<std::size_t>(c - kFirst)] = one_char ? out.char32At(0) : c;
    ++c;
    line = i + 1;
  }
  return table;
}

}  // namespace

UChar32 han_simplified(UChar32 c) {
  if (!is_bmp_han(c)) return c;
  static const std::vector<UChar32> table = build_table();
  return table[static_cast<std::size_t>(c - kFirst)];
}

}  // namespace dateline
