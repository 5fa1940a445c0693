// Publication dates: parsing the forms news feeds use, and the forms the index stores.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// A calendar date, possibly known only to the year or the month (then `month` or `day` is 0).
struct Date {
  int year = 0;   // 1..9999
  int month = 0;  // 0 (unknown) or 1..12
  int day = 0;    // 0 (unknown) or 1..31, valid for the month

  // "YYYY", "YYYY-MM" or "YYYY-MM-DD", as precise as the date is known.
  std::string to_string() const;
  // "YYYYMMDD" with unknown parts as "00", so string order is date order and a period's
  // undated-day articles sort first in it.
  std::string sortable() const;

  bool operator==(const Date&) const = default;
};

// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, ISO 8601 / RFC 3339 date-times (`2024-03-02T10:00:00Z`,
// `2024-03-02 10:00:00+01:00`) and RFC 2822 dates (`Sat, 02 Mar 2024 10:00:00 +0000`). The date
// is the one written (no time-zone conversion). Returns nothing for text that is not one of
// these forms or names an impossible date (month 13, 31 April, year 0 or above 9999).
std::optional<Date> parse_date(std::string_view text);

}  // namespace dateline
