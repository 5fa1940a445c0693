#include "util/date.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("parse_date reads the forms news feeds use", "[date]") {
  struct Case {
    std::string input;
    std::string expected;  // Date::to_string(), or "" when the text is not a date
    std::string sortable;
  };
  const std::vector<Case> cases = {
      {"1987", "1987", "19870000"},
      {"1987-03", "1987-03", "19870300"},
      {"1987-03-02", "1987-03-02", "19870302"},
      {"2024-02-29", "2024-02-29", "20240229"},  // leap year
      {"2024-03-02T10:15:00Z", "2024-03-02", "20240302"},
      {"2024-03-02T23:59:59.123+05:30", "2024-03-02", "20240302"},
      {"2024-03-02 10:15", "2024-03-02", "20240302"},
      {"2024-03-02T10:15:00-0800", "2024-03-02", "20240302"},
      {"Sat, 02 Mar 2024 10:15:00 +0000", "2024-03-02", "20240302"},
      {"2 March 2024", "2024-03-02", "20240302"},
      {"Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10", "20030610"},
      {"  2024-03-02  ", "2024-03-02", "20240302"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const auto date = parse_date(c.input);
    REQUIRE(date.has_value());
    CHECK(date->to_string() == c.expected);
    CHECK(date->sortable() == c.sortable);
  }
}

TEST_CASE("parse_date rejects impossible dates and other text", "[date]") {
  for (std::string input :
       {"", "0000-00-00", "99999-01-01", "2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10",
        "yesterday", "2024/03/02", "2024-03-02T25:00", "2024-03-02Tnoon", "31 Foo 2024", "0000",
        "1987-3-2", "2024-03-02T10:15:00+99:00"}) {
    INFO(input);
    CHECK_FALSE(parse_date(input).has_value());
  }
}

TEST_CASE("sortable dates sort as the dates do", "[date]") {
  const std::vector<std::string> ordered = {"1987",       "1987-02", "1987-02-26",
                                            "1987-03-01", "1988",    "2024-12-31"};
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    INFO(ordered[i - 1] << " < " << ordered[i]);
    CHECK(parse_date(ordered[i - 1])->sortable() < parse_date(ordered[i])->sortable());
  }
}
