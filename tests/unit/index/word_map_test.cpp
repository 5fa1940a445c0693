#include "index/word_map.h"

#include <catch2/catch.hpp>

#include "analysis/analyzer.h"
#include "index/stored_article.h"

using namespace dateline;

namespace {

std::string words(std::size_t n, std::string_view sep = " ") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += sep;
    out += "w" + std::to_string(i);
  }
  return out;
}

}  // namespace

TEST_CASE("A word map marks a restart every 32 words, only where analysis restarts cleanly",
          "[word_map]") {
  Analyzer analyzer;
  SECTION("plain words: every 32nd word, at its first byte") {
    const std::string body = words(100);
    const auto tokens = analyzer.tokenize(body);
    const WordMap map = WordMap::of(body, tokens, 7);
    CHECK(map.first_position == 7);
    CHECK(map.words == 100);
    REQUIRE(map.marks.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(map.marks[k].word == 32 * (k + 1));
      CHECK(map.marks[k].byte == tokens[32 * (k + 1)].start);
    }
  }
  SECTION("never inside a written word: the mark moves to the next word after a space") {
    // "U.S" is two words glued by a period: the 32nd word is "S", so the mark goes to "and".
    const std::string body = words(31) + " U.S and " + words(40);
    const auto tokens = analyzer.tokenize(body);
    const WordMap map = WordMap::of(body, tokens, 1);
    REQUIRE_FALSE(map.marks.empty());
    CHECK(tokens[map.marks[0].word].term == "and");
    CHECK(body[map.marks[0].byte - 1] == ' ');
  }
  SECTION("never in Chinese or Japanese, whose dictionary splits a run as a whole") {
    std::string han;
    for (int i = 0; i < 20; ++i) han += "我们在北京大学学习。";
    const auto tokens = analyzer.tokenize(han);
    REQUIRE(tokens.size() > 64);
    CHECK(WordMap::of(han, tokens, 1).marks.empty());
  }
  SECTION("a short body has none") {
    const std::string body = words(31);
    CHECK(WordMap::of(body, analyzer.tokenize(body), 1).marks.empty());
  }
}

TEST_CASE("A word map reads back, and bytes not of its form read as nothing", "[word_map]") {
  Analyzer analyzer;
  const std::string body = words(1000, " \n ");
  const WordMap map = WordMap::of(body, analyzer.tokenize(body), 12);
  REQUIRE(map.marks.size() == 31);
  const std::string bytes = map.serialize();
  CHECK(bytes.size() < body.size() / 50);  // a few bytes a mark, against some 250 of text
  const auto back = WordMap::parse(bytes);
  REQUIRE(back);
  CHECK(back->first_position == 12);
  CHECK(back->words == 1000);
  REQUIRE(back->marks.size() == map.marks.size());
  for (std::size_t k = 0; k < map.marks.size(); ++k) {
    CHECK(back->marks[k].word == map.marks[k].word);
    CHECK(back->marks[k].byte == map.marks[k].byte);
  }
  CHECK_FALSE(WordMap::parse(""));
  CHECK_FALSE(WordMap::parse(bytes.substr(0, bytes.size() - 1)));  // cut short
  CHECK_FALSE(WordMap::parse(bytes + "x"));                        // trailing bytes
  WordMap beyond = map;
  beyond.words = 40;  // marks past the last word
  CHECK_FALSE(WordMap::parse(beyond.serialize()));
  CHECK_FALSE(WordMap::parse(std::string("\x01\x64\xff\xff\xff\xff\x0f", 7)));  // a huge count
}

TEST_CASE("The stored article keeps the word map after its fields, and older data has none",
          "[word_map]") {
  Article a;
  a.id = "x";
  a.title = "A title";
  a.body = words(100);
  a.authors = {"Jane Roe"};
  a.tags = {"grain", "wheat"};
  const std::string map_bytes = "\x05\x64\x00";
  const std::string data = to_stored(a, map_bytes);
  CHECK(stored_word_map(data) == map_bytes);
  CHECK(from_stored(data).tags == a.tags);  // the fields read as before
  CHECK(stored_word_map(to_stored(a)).empty());
  // Data written before maps were kept ends after the tags.
  const std::string old = data.substr(0, data.size() - map_bytes.size() - 1);
  CHECK(from_stored(old).body == a.body);
  CHECK(stored_word_map(old).empty());
  CHECK(stored_word_map(data.substr(0, 10)).empty());
}
