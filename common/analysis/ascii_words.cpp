#include "analysis/ascii_words.h"

namespace dateline {

namespace {

// UAX #29's word-break classes of the ASCII characters that can be in a word.
enum class Class { kOther, kLetter, kDigit, kUnderscore, kMidNumLet, kMidNum };

Class class_of(char c) {
  // ICU's root rules count '@' as a letter, so that "seti@home" and "@handle" are words.
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return Class::kLetter;
  if (c >= '0' && c <= '9') return Class::kDigit;
  switch (c) {
    case '_':
      return Class::kUnderscore;  // ExtendNumLet
    case '.':
    case '\'':
      return Class::kMidNumLet;  // MidNumLet, Single_Quote
    case ',':
    case ';':
      return Class::kMidNum;  // MidNum (ICU's root rules: ':' is not MidLetter)
    default:
      return Class::kOther;
  }
}

bool in_word(Class c) {
  return c == Class::kLetter || c == Class::kDigit || c == Class::kUnderscore;
}

}  // namespace

void ascii_words(std::string_view text, std::vector<AsciiWord>& out) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (!in_word(class_of(text[i]))) {
      ++i;
      continue;
    }
    // Letters, digits and underscores all join (WB5, WB8-10, WB13a-b); one '.' or '\'' joins
    // two letters or two digits (WB6-7, WB11-12), one ',' or ';' two digits (WB11-12).
    const std::size_t start = i;
    // The rule status ICU gives the word so far: that of its last letter or digit, except
    // that an underscore after a letter or after another underscore makes a letter word and a
    // lone underscore no word (status 0).
    int status = 0;
    Class last = Class::kOther;
    for (; i < n; ++i) {
      const Class c = class_of(text[i]);
      if (c == Class::kLetter) {
        status = 200;
      } else if (c == Class::kDigit) {
        status = 100;
      } else if (c == Class::kUnderscore) {
        if (last == Class::kLetter || last == Class::kUnderscore) status = 200;
      } else if (i + 1 < n && (c == Class::kMidNumLet || c == Class::kMidNum)) {
        const Class next = class_of(text[i + 1]);
        const bool letters =
            c == Class::kMidNumLet && last == Class::kLetter && next == Class::kLetter;
        const bool digits = last == Class::kDigit && next == Class::kDigit;
        if (!letters && !digits) break;
        last = c;
        continue;
      } else {
        break;
      }
      last = c;
    }
    if (status != 0) out.push_back({start, i, status == 100});
  }
}

}  // namespace dateline
