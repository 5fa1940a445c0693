#include "util/word_set.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace dateline;

TEST_CASE("WordSet holds exactly the words it was built from", "[word_set]") {
  const std::vector<std::string_view> words = {"haus", "hausboot", "boot", "", "straße", "haus"};
  const WordSet set(words);
  CHECK(set.size() == 5);  // "haus" once
  for (std::string_view word : words) CHECK(set.contains(word));
  CHECK_FALSE(set.contains("hau"));
  CHECK_FALSE(set.contains("hausboo"));
  CHECK_FALSE(set.contains("Haus"));
  CHECK_FALSE(set.contains("strasse"));
  CHECK_FALSE(WordSet().contains("haus"));
}

TEST_CASE("WordSet stays exact when its table is crowded with many words", "[word_set]") {
  std::vector<std::string> owned;
  for (int i = 0; i < 50000; ++i) owned.push_back("w" + std::to_string(i * 7));
  const std::vector<std::string_view> words(owned.begin(), owned.end());
  const WordSet set(words);
  CHECK(set.size() == owned.size());
  std::size_t found = 0, false_hits = 0;
  for (int i = 0; i < 350000; ++i) {
    const bool in = set.contains("w" + std::to_string(i));
    (i % 7 == 0 ? found : false_hits) += in ? 1 : 0;
  }
  CHECK(found == owned.size());
  CHECK(false_hits == 0);
}

TEST_CASE("WordSet holds words of any length, and fingerprints as the words", "[word_set]") {
  const std::string long_word(1000, 'a'), longer(1001, 'a');
  const WordSet set(std::vector<std::string_view>{long_word});
  CHECK(set.contains(long_word));
  CHECK_FALSE(set.contains(longer));
  const WordSet same({WordSet::fingerprint("haus"), WordSet::fingerprint("boot")});
  CHECK(same.contains("haus"));
  CHECK(same.contains_fingerprint(WordSet::fingerprint("boot")));
  CHECK_FALSE(same.contains("hausboot"));
  CHECK(same.size() == 2);
}
