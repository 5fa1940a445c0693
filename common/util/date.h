// Publication dates: the forms news feeds and pages write, normalised for display, and the
// instant (UTC) they name, for sorting and ranges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// A date as written: possibly known only to the year or the month, possibly with a time of day
// and a time zone. Times are as written (local to the zone), the instant is computed from them.
struct Date {
  int year = 0;                       // 1..9999
  int month = 0;                      // 0 (unknown) or 1..12
  int day = 0;                        // 0 (unknown) or 1..31, valid for the month
  int hour = -1;                      // -1: no time of day written; else 0..23
  int minute = 0;                     // 0..59
  int second = 0;                     // 0..59 (a leap second 60 is kept as 59)
  std::optional<int> zone_minutes{};  // offset east of UTC as written; none: UTC assumed

  bool has_time() const { return hour >= 0; }

  // The normalised form, as precise as what was written: "YYYY", "YYYY-MM", "YYYY-MM-DD",
  // "YYYY-MM-DDThh:mm:ss" (no zone written) or "YYYY-MM-DDThh:mm:ss+hh:mm" ("Z" for UTC).
  // parse_date() reads it back to the same Date.
  std::string to_string() const;

  // Seconds since 1970-01-01T00:00:00Z of the first instant of what is written (a date alone:
  // the start of its day in UTC; a month: its first day; a year: 1 January).
  std::int64_t start_instant() const;
  // The last second of what is written (a day: 23:59:59; a date-time: itself).
  std::int64_t end_instant() const;

  bool operator==(const Date&) const = default;
};

// Reads the forms news feeds and pages use:
//  - ISO 8601 / RFC 3339: `2024`, `2024-03`, `2024-03-02`, `2024-03-02T10:00Z`,
//    `2024-03-02 10:00:00.5+01:00`, `2024-03-02T10:00:00-0500`;
//  - RFC 2822: `Sat, 02 Mar 2024 10:00:00 +0000`, `2 Mar 2024 23:30 GMT` (GMT, UT, UTC, Z and
//    the North American zones EST EDT CST CDT MST MDT PST PDT);
//  - English: `March 2, 2024`, `Mar. 2, 2024`, `Saturday, March 2, 2024`, `2 March 2024`,
//    `March 2024`, each optionally followed by a time (`10:30`, `10:30 am`, `10:30:05 PM EST`).
// Returns nothing for other text or an impossible date (month 13, 31 April, year 0 or above
// 9999, hour 25).
std::optional<Date> parse_date(std::string_view text);

// The civil date and time (UTC) of `instant` (seconds since 1970), as a Date with zone "Z".
Date date_of_instant(std::int64_t instant);

}  // namespace dateline
