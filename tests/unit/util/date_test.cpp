#include "util/date.h"

#include <catch2/catch.hpp>

using namespace dateline;

namespace {

std::string utc(std::int64_t instant) { return date_of_instant(instant).to_string(); }

}  // namespace

TEST_CASE("parse_date reads the forms news feeds and pages use", "[date]") {
  struct Case {
    std::string input;
    std::string normalised;  // Date::to_string()
    std::string start;       // the first instant, in UTC
  };
  const std::vector<Case> cases = {
      {"1987", "1987", "1987-01-01T00:00:00Z"},
      {"1987-03", "1987-03", "1987-03-01T00:00:00Z"},
      {"1987-03-02", "1987-03-02", "1987-03-02T00:00:00Z"},
      {"2024-02-29", "2024-02-29", "2024-02-29T00:00:00Z"},  // leap year
      {"2024-03-02T10:15:00Z", "2024-03-02T10:15:00Z", "2024-03-02T10:15:00Z"},
      {"2024-03-02T23:59:59.123+05:30", "2024-03-02T23:59:59+05:30", "2024-03-02T18:29:59Z"},
      {"2024-03-02 10:15", "2024-03-02T10:15:00", "2024-03-02T10:15:00Z"},  // no zone: UTC
      {"2024-03-02T10:15:00-0800", "2024-03-02T10:15:00-08:00", "2024-03-02T18:15:00Z"},
      {"2024-03-01T12:00+05:00", "2024-03-01T12:00:00+05:00", "2024-03-01T07:00:00Z"},
      {"Sat, 02 Mar 2024 10:15:00 +0000", "2024-03-02T10:15:00Z", "2024-03-02T10:15:00Z"},
      {"Fri, 01 Mar 2024 23:30 GMT", "2024-03-01T23:30:00Z", "2024-03-01T23:30:00Z"},
      {"Tue, 10 Jun 2003 04:00:00 EDT", "2003-06-10T04:00:00-04:00", "2003-06-10T08:00:00Z"},
      {"2 March 2024", "2024-03-02", "2024-03-02T00:00:00Z"},
      {"March 2, 2026", "2026-03-02", "2026-03-02T00:00:00Z"},
      {"Mar. 2, 2026", "2026-03-02", "2026-03-02T00:00:00Z"},
      {"Monday, March 2, 2026", "2026-03-02", "2026-03-02T00:00:00Z"},
      {"March 2nd, 2026", "2026-03-02", "2026-03-02T00:00:00Z"},
      {"Sept 30 2025", "2025-09-30", "2025-09-30T00:00:00Z"},
      {"March 2026", "2026-03", "2026-03-01T00:00:00Z"},
      {"March 2, 2026 10:30 am", "2026-03-02T10:30:00", "2026-03-02T10:30:00Z"},
      {"March 2, 2026 12:05 a.m.", "2026-03-02T00:05:00", "2026-03-02T00:05:00Z"},
      {"March 2, 2026 10:30:05 PM EST", "2026-03-02T22:30:05-05:00", "2026-03-03T03:30:05Z"},
      {"2 Mar 2024 9:05 pm", "2024-03-02T21:05:00", "2024-03-02T21:05:00Z"},
      {"  2024-03-02  ", "2024-03-02", "2024-03-02T00:00:00Z"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const auto date = parse_date(c.input);
    REQUIRE(date.has_value());
    CHECK(date->to_string() == c.normalised);
    CHECK(utc(date->start_instant()) == c.start);
    const auto again = parse_date(date->to_string());  // the normalised form reads back the same
    REQUIRE(again.has_value());
    CHECK(*again == *date);
  }
}

TEST_CASE("a date's last instant ends the period written", "[date]") {
  struct Case {
    std::string input, end;
  };
  const std::vector<Case> cases = {
      {"1987", "1987-12-31T23:59:59Z"},
      {"2024-02", "2024-02-29T23:59:59Z"},
      {"2023-02", "2023-02-28T23:59:59Z"},
      {"2024-03-01", "2024-03-01T23:59:59Z"},
      {"2024-03-01T06:00Z", "2024-03-01T06:00:00Z"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(utc(parse_date(c.input)->end_instant()) == c.end);
  }
}

TEST_CASE("parse_date rejects impossible dates and other text", "[date]") {
  for (std::string input : {"",
                            "0000-00-00",
                            "99999-01-01",
                            "2023-02-29",
                            "2024-13-01",
                            "2024-04-31",
                            "2024-00-10",
                            "yesterday",
                            "2024/03/02",
                            "2024-03-02T25:00",
                            "2024-03-02T24:00",
                            "2024-03-02Tnoon",
                            "31 Foo 2024",
                            "0000",
                            "1987-3-2",
                            "2024-03-02T10:15:00+99:00",
                            "March 32, 2024",
                            "Smarch 2, 2024",
                            "March 2, 2024 13:00 pm",
                            "March 2, 2024 10:00 XYZ",
                            "March",
                            "2024-03T10:00",
                            "March 2024 10:00",
                            "Mon, 2 Mar",
                            "1e300"}) {
    INFO(input);
    CHECK_FALSE(parse_date(input).has_value());
  }
}

TEST_CASE("instants order dates as time does, the time of day included", "[date]") {
  const std::vector<std::string> ordered = {"1987",
                                            "1987-02",
                                            "1987-02-26",
                                            "1987-03-01",
                                            "1988",
                                            "2024-03-01T06:00Z",
                                            "2024-03-01T12:00+05:00",
                                            "2024-03-01T22:00Z",
                                            "Fri, 01 Mar 2024 23:30 GMT",
                                            "2024-12-31"};
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    INFO(ordered[i - 1] << " < " << ordered[i]);
    CHECK(parse_date(ordered[i - 1])->start_instant() < parse_date(ordered[i])->start_instant());
  }
}

TEST_CASE("date_of_instant is the inverse of start_instant", "[date]") {
  for (std::int64_t instant : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{951782400},
                               std::int64_t{1709335800}, std::int64_t{-62135596800}}) {
    INFO(instant);
    CHECK(date_of_instant(instant).start_instant() == instant);
  }
}
