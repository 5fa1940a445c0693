// The words of pure ASCII text as ICU's word break iterator (root locale) finds them, without
// ICU: Unicode's word-break rules (UAX #29) reduced to the ASCII characters. ICU's iterator was
// a fifth of a query's time in snippets, and most news text is ASCII. tests/unit/analysis/
// ascii_words_test.cpp holds it to ICU's answers on random strings and the corpus.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace dateline {

struct AsciiWord {
  std::size_t start = 0, end = 0;  // bytes [start, end) of the text
  bool number = false;             // ICU's rule status: a number (100), else a letter word (200)
};

// The word pieces of `text` (all bytes below 0x80), in order, appended to `out`; spaces,
// punctuation and symbols are left out, as tokenize() leaves out ICU's pieces of status 0.
void ascii_words(std::string_view text, std::vector<AsciiWord>& out);

}  // namespace dateline
