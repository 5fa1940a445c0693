// One language's Snowball stemmer: Xapian's where Xapian 1.4 has the language, Debian's
// libstemmer (Snowball 2.2) for those it lacks (Greek, Hindi, Serbian, Yiddish).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace dateline {

class Stemmer {
 public:
  // The stemmer for `lang` (a BCP 47 primary subtag), or nullptr when Snowball has none.
  // German is "german2": it reads ae, oe and ue as the umlauts they stand for (Mueller and
  // Müller stem alike) and leaves the u of "eue", "aue" and "qu" alone (neue, Mauer, Quelle).
  static std::unique_ptr<Stemmer> for_language(std::string_view lang);
  virtual ~Stemmer() = default;

  // The stem of folded `word` (may be `word` itself).
  virtual std::string operator()(const std::string& word) = 0;

  // What stems, for the database's analyzer settings ("snowball: xapian 1.4, de german2,
  // libstemmer el hi sr yi").
  static std::string description();

  // Whether a word's stem in `lang` starts with the word's first byte: Snowball's stemmers
  // change the ends of words, but those of Arabic, Indonesian, Irish, Tamil, Greek and Yiddish
  // also take off prefixes ("al-", "me-", "ge-"...), and Serbian's writes Cyrillic in Latin. Lets a
  // caller skip stemming words that cannot have a stem it wants.
  static bool keeps_first_byte(std::string_view lang);
};

}  // namespace dateline
