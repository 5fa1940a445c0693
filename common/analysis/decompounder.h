// German compounds into their parts (Landesregierung -> landes regierung), by a word list:
// Debian's wngerman (/usr/share/dict/ngerman), a dictionary of the kind Lucene's and
// Elasticsearch's dictionary decompounders take. A word is a compound when it is wholly
// covered by nouns of the list (its capitalised words) of at least kMinPartChars characters,
// each but the last optionally followed by a linking element (Fugen-s, -es, -n, -en, -e, -er);
// of the possible splits the one with the fewest parts wins, so "Bundestagswahl" is
// bundestags + wahl, not bund + tag + wahl.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/word_set.h"

namespace dateline {

class Decompounder {
 public:
  // The decompounder of `lang`, or nullptr: only German has one, and only where the word list
  // is installed. Loaded on first use (about a third of a second), shared by all threads.
  static const Decompounder* for_language(std::string_view lang);

  // Whether `lang` has a decompounder, without loading it (queries need no more: about 0.4 s
  // of CPU is spared to every query that shows no German compound).
  static bool available(std::string_view lang);

  // The parts of folded `word` in order when it is a compound, else nothing.
  std::vector<std::string> parts(std::string_view word) const;

  // For the database's analyzer settings: the list and its size, or "none".
  static std::string description();

  static constexpr std::size_t kMinPartChars = 4;
  static constexpr std::size_t kMinWordChars = 8;

  Decompounder(WordSet nouns, WordSet not_nouns)
      : words_(std::move(nouns)), not_nouns_(std::move(not_nouns)) {}

 private:
  WordSet words_;      // nouns, folded, of kMinPartChars or more
  WordSet not_nouns_;  // the list's other words, folded: never split
};

}  // namespace dateline
