#include "util/date.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "util/ascii.h"

namespace dateline {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool valid(const Date& d) {
  if (d.year < 1 || d.year > 9999) return false;
  if (d.month == 0) return d.day == 0;
  if (d.month < 1 || d.month > 12) return false;
  return d.day == 0 || (d.day >= 1 && d.day <= days_in_month(d.year, d.month));
}

// Reads exactly `width` digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool consume(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// hh:mm[:ss[.fraction]], the part of a date-time after the date.
bool read_time(std::string_view s, std::size_t& pos) {
  auto hour = read_digits(s, pos, 2);
  if (!hour || *hour > 24 || !consume(s, pos, ':')) return false;
  auto minute = read_digits(s, pos, 2);
  if (!minute || *minute > 59) return false;
  if (consume(s, pos, ':')) {
    auto second = read_digits(s, pos, 2);
    if (!second || *second > 60) return false;  // 60: a leap second
    if (consume(s, pos, '.') || consume(s, pos, ',')) {
      const std::size_t start = pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
      if (pos == start) return false;
    }
  }
  return true;
}

// Z, or +hh:mm / -hh:mm / +hhmm / +hh.
bool read_iso_zone(std::string_view s, std::size_t& pos) {
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') return ++pos == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  ++pos;
  auto hours = read_digits(s, pos, 2);
  if (!hours || *hours > 23) return false;
  consume(s, pos, ':');
  if (pos < s.size()) {
    auto minutes = read_digits(s, pos, 2);
    if (!minutes || *minutes > 59) return false;
  }
  return pos == s.size();
}

std::optional<Date> parse_iso(std::string_view s) {
  std::size_t pos = 0;
  Date d;
  auto year = read_digits(s, pos, 4);
  if (!year) return std::nullopt;
  d.year = *year;
  if (pos < s.size()) {
    if (!consume(s, pos, '-')) return std::nullopt;
    auto month = read_digits(s, pos, 2);
    if (!month) return std::nullopt;
    d.month = *month;
    if (pos < s.size()) {
      if (!consume(s, pos, '-')) return std::nullopt;
      auto day = read_digits(s, pos, 2);
      if (!day) return std::nullopt;
      d.day = *day;
      if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
        ++pos;
        if (!read_time(s, pos)) return std::nullopt;
        while (pos < s.size() && s[pos] == ' ') ++pos;
        if (!read_iso_zone(s, pos)) return std::nullopt;
      }
    }
  }
  if (!valid(d)) return std::nullopt;
  return d;
}

int month_from_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  const std::string lower = ascii_lower(name);
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (lower.compare(0, 3, kMonths[i]) == 0) return static_cast<int>(i) + 1;
  }
  return 0;
}

// RFC 2822: [Day, ]D[D] Mon YYYY [hh:mm[:ss] [zone]]
std::optional<Date> parse_rfc2822(std::string_view s) {
  std::size_t pos = 0;
  if (const auto comma = s.find(','); comma != std::string_view::npos && comma <= 9) {
    pos = comma + 1;
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  std::size_t day_width = 0;
  while (pos + day_width < s.size() && std::isdigit(static_cast<unsigned char>(s[pos + day_width])))
    ++day_width;
  if (day_width < 1 || day_width > 2) return std::nullopt;
  Date d;
  d.day = *read_digits(s, pos, day_width);
  if (!consume(s, pos, ' ')) return std::nullopt;
  const std::size_t name_end = s.find(' ', pos);
  if (name_end == std::string_view::npos) return std::nullopt;
  d.month = month_from_name(s.substr(pos, name_end - pos));
  if (d.month == 0 || name_end - pos > 9) return std::nullopt;
  pos = name_end + 1;
  auto year = read_digits(s, pos, 4);
  if (!year) return std::nullopt;
  d.year = *year;
  if (pos < s.size()) {
    if (!consume(s, pos, ' ') || !read_time(s, pos)) return std::nullopt;
    // The zone ("+0000", "GMT", "EST") does not change the date written; accept a short word.
    while (pos < s.size() && s[pos] == ' ') ++pos;
    const std::string_view zone = s.substr(pos);
    if (zone.size() > 5) return std::nullopt;
    for (char c : zone) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-') return std::nullopt;
    }
  }
  if (!valid(d)) return std::nullopt;
  return d;
}

}  // namespace

std::string Date::to_string() const {
  char buffer[16];
  if (month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  }
  return buffer;
}

std::string Date::sortable() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", year, month, day);
  return buffer;
}

std::optional<Date> parse_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(text[0])) && text.size() >= 4 &&
      std::isdigit(static_cast<unsigned char>(text[3]))) {
    return parse_iso(text);
  }
  return parse_rfc2822(text);
}

}  // namespace dateline
