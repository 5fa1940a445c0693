#include "utf8.h"

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
