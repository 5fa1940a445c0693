#include "util/utf8.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("utf8::is_valid accepts well-formed and rejects ill-formed UTF-8", "[utf8]") {
  struct Case {
    std::string input;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"plain ASCII", true},
      {"Zürich, Ελλάδα, Москва, 北京, 東京, الرياض", true},
      {"emoji \xF0\x9F\x93\xB0", true},
      {"\xC3", false},              // truncated two-byte sequence
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong, three bytes
      {"\xED\xA0\x80", false},      // UTF-16 surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"abc\xFF", false},           // never valid
  };
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(utf8::is_valid(c.input) == c.valid);
  }
}

TEST_CASE("utf8::repair replaces each ill-formed sequence with U+FFFD", "[utf8]") {
  struct Case {
    std::string input, expected;
  };
  const std::vector<Case> cases = {
      {"no change, Zürich", "no change, Zürich"},
      {"a\xFF"
       "b",
       "a\xEF\xBF\xBD"
       "b"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},  // each byte of an overlong form is replaced
      {"end\xE2\x82", "end\xEF\xBF\xBD"},        // truncated sequence at the end: one U+FFFD
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const std::string repaired = utf8::repair(c.input);
    CHECK(repaired == c.expected);
    CHECK(utf8::is_valid(repaired));
  }
}

TEST_CASE("excerpts of any bytes are valid, printable and short", "[utf8]") {
  CHECK(utf8::excerpt("plain", 60) == "plain");
  CHECK(utf8::excerpt("bell\x07 and esc\x1b[31m", 60) == "bell? and esc?[31m");
  CHECK(utf8::excerpt("caf\xC3", 60) == "caf\xEF\xBF\xBD");
  // Cut at a character, never inside one: "é" is two bytes, so 3 bytes of "ééé" keep one.
  CHECK(utf8::excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9…");
  const std::string long_text(1000, 'x');
  CHECK(utf8::excerpt(long_text, 60) == std::string(60, 'x') + "…");
}
