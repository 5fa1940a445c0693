// Where a body's words are, kept with the stored article so that a snippet can analyse only the
// part of a long body around its matches: the body's first word position in the index, its
// number of words, and every so many words a restart mark (the word's index and byte offset).
// A mark is only set where analysis restarted at its byte gives the same words as analysis of
// the whole body (after whitespace, outside CJK runs): the snippet maker analyses from marks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace dateline {

struct WordMap {
  struct Mark {
    std::uint32_t word = 0;  // index of the body word starting here
    std::uint32_t byte = 0;  // its first byte in the body
  };

  std::uint32_t first_position = 0;  // the index position of the body's first word
  std::uint32_t words = 0;           // the body's words
  std::vector<Mark> marks;           // ascending; the body's start is an implied mark {0, 0}

  // The map of a body analysed into `tokens`, whose first word has index position
  // `first_position`: a mark about every kWordsPerMark words.
  static WordMap of(std::string_view body, const std::vector<Token>& tokens,
                    std::uint32_t first_position);

  std::string serialize() const;
  // The map from serialize()'s bytes; nothing for bytes not of that form (or none at all).
  static std::optional<WordMap> parse(std::string_view bytes);

  // A mark per 32 words costs about 1% of the text (two or three bytes each) and bounds what a
  // snippet analyses to the 32-word stretches around its matches.
  static constexpr std::uint32_t kWordsPerMark = 32;
};

}  // namespace dateline
