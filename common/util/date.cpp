#include "util/date.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

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
  if (d.month == 0) return d.day == 0 && !d.has_time();
  if (d.month < 1 || d.month > 12) return false;
  if (d.day == 0) return !d.has_time();
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return false;
  if (!d.has_time()) return !d.zone_minutes;
  return d.hour <= 23 && d.minute >= 0 && d.minute <= 59 && d.second >= 0 && d.second <= 59 &&
         (!d.zone_minutes || (*d.zone_minutes > -24 * 60 && *d.zone_minutes < 24 * 60));
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

// ---- ISO 8601 / RFC 3339 -------------------------------------------------------------------

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

// hh:mm[:ss[.fraction]] into `d`.
bool read_time(std::string_view s, std::size_t& pos, Date& d) {
  auto hour = read_digits(s, pos, 2);
  if (!hour || !consume(s, pos, ':')) return false;
  auto minute = read_digits(s, pos, 2);
  if (!minute) return false;
  d.hour = *hour;
  d.minute = *minute;
  if (consume(s, pos, ':')) {
    auto second = read_digits(s, pos, 2);
    if (!second || *second > 60) return false;
    d.second = *second == 60 ? 59 : *second;  // a leap second
    if (consume(s, pos, '.') || consume(s, pos, ',')) {
      const std::size_t start = pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
      if (pos == start) return false;
    }
  }
  return true;
}

// +hh:mm, -hh:mm, +hhmm or +hh to the end of `s`.
std::optional<int> read_offset(std::string_view s, std::size_t& pos) {
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
  const int sign = s[pos++] == '-' ? -1 : 1;
  auto hours = read_digits(s, pos, 2);
  if (!hours || *hours > 23) return std::nullopt;
  int minutes = 0;
  consume(s, pos, ':');
  if (pos < s.size()) {
    auto m = read_digits(s, pos, 2);
    if (!m || *m > 59) return std::nullopt;
    minutes = *m;
  }
  return sign * (*hours * 60 + minutes);
}

// Z or an offset, to the end of `s`; true (and no zone) at the end.
bool read_iso_zone(std::string_view s, std::size_t& pos, Date& d) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    d.zone_minutes = 0;
    return ++pos == s.size();
  }
  d.zone_minutes = read_offset(s, pos);
  return d.zone_minutes && pos == s.size();
}

std::optional<Date> parse_iso(std::string_view s) {
  std::size_t pos = 0;
  Date d;
  auto year = read_digits(s, pos, 4);
  if (!year) return std::nullopt;
  d.year = *year;
  for (int* part : {&d.month, &d.day}) {
    if (pos == s.size()) break;
    if (!consume(s, pos, '-')) return std::nullopt;
    auto value = read_digits(s, pos, 2);
    if (!value) return std::nullopt;
    *part = *value;
  }
  if (pos < s.size()) {
    if (d.day == 0 || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
    ++pos;
    if (!read_time(s, pos, d) || !read_iso_zone(s, pos, d)) return std::nullopt;
  }
  if (!valid(d)) return std::nullopt;
  return d;
}

// ---- RFC 2822 and English: words, numbers, times and zones in some order -------------------

struct Word {
  enum Kind { kNumber, kName, kTime, kOffset } kind;
  std::string text;  // lower case
};

// Splits "Sat, 02 Mar 2024 10:00:05 +0000" into its words; commas, periods and spaces separate.
std::optional<std::vector<Word>> words_of(std::string_view s) {
  std::vector<Word> words;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t j = i + 1;
    if (std::isalpha(c)) {
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      words.push_back({Word::kName, ascii_lower(s.substr(i, j - i))});
    } else if (std::isdigit(c)) {
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == ':')) ++j;
      const std::string_view text = s.substr(i, j - i);
      words.push_back({text.find(':') == std::string_view::npos ? Word::kNumber : Word::kTime,
                       std::string(text)});
    } else if ((c == '+' || c == '-') && j < s.size() &&
               std::isdigit(static_cast<unsigned char>(s[j]))) {
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == ':')) ++j;
      words.push_back({Word::kOffset, std::string(s.substr(i, j - i))});
    } else if (c != ' ' && c != ',' && c != '.' && c != '\t') {
      return std::nullopt;
    }
    i = j;
  }
  return words;
}

int month_from_name(const std::string& name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    // The whole name, its first three letters, or "sept".
    if (name == kMonths[i] || (name.size() == 3 && kMonths[i].starts_with(name)) ||
        (i == 8 && name == "sept")) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

bool is_weekday(const std::string& name) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::string_view day : kDays) {
    if (name == day || (name.size() == 3 && day.starts_with(name))) return true;
  }
  return false;
}

std::optional<int> zone_from_name(const std::string& name) {
  static constexpr std::array<std::pair<std::string_view, int>, 12> kZones = {{{"gmt", 0},
                                                                               {"ut", 0},
                                                                               {"utc", 0},
                                                                               {"z", 0},
                                                                               {"est", -300},
                                                                               {"edt", -240},
                                                                               {"cst", -360},
                                                                               {"cdt", -300},
                                                                               {"mst", -420},
                                                                               {"mdt", -360},
                                                                               {"pst", -480},
                                                                               {"pdt", -420}}};
  for (const auto& [zone, minutes] : kZones) {
    if (name == zone) return minutes;
  }
  return std::nullopt;
}

std::optional<int> day_number(const Word& w) {
  if (w.kind != Word::kNumber || w.text.size() > 2) return std::nullopt;
  return std::stoi(w.text);
}

// The time words from `i` on: hh:mm[:ss] [am|pm] [zone], and nothing after them.
bool read_clock(const std::vector<Word>& words, std::size_t i, Date& d) {
  if (i == words.size()) return true;
  if (words[i].kind != Word::kTime) return false;
  std::size_t pos = 0;
  std::string time = words[i].text;
  if (time.size() == 4 || time.size() == 7) time = "0" + time;  // 9:30 -> 09:30
  if (!read_time(time, pos, d) || pos != time.size()) return false;
  ++i;
  if (i < words.size() && words[i].kind == Word::kName) {
    const std::string& w = words[i].text;
    const bool am = w == "am" || (w == "a" && i + 1 < words.size() && words[i + 1].text == "m");
    const bool pm = w == "pm" || (w == "p" && i + 1 < words.size() && words[i + 1].text == "m");
    if (am || pm) {
      if (d.hour < 1 || d.hour > 12) return false;
      d.hour = d.hour % 12 + (pm ? 12 : 0);
      i += w.size() == 1 ? 2 : 1;
    }
  }
  if (i < words.size()) {
    if (words[i].kind == Word::kOffset) {
      std::size_t at = 0;
      d.zone_minutes = read_offset(words[i].text, at);
      if (!d.zone_minutes || at != words[i].text.size()) return false;
    } else {
      d.zone_minutes = zone_from_name(words[i].text);
      if (!d.zone_minutes) return false;
    }
    ++i;
  }
  return i == words.size();
}

// [weekday] (day month | month day) year [clock], or [weekday] month year.
std::optional<Date> parse_words(std::string_view s) {
  const auto found = words_of(s);
  if (!found) return std::nullopt;
  std::vector<Word> words = *found;
  std::size_t i = 0;
  if (i < words.size() && words[i].kind == Word::kName && is_weekday(words[i].text)) ++i;
  Date d;
  if (i + 1 < words.size() && day_number(words[i]) && words[i + 1].kind == Word::kName) {
    d.day = *day_number(words[i]);
    d.month = month_from_name(words[i + 1].text);
    i += 2;
  } else if (i + 1 < words.size() && words[i].kind == Word::kName) {
    d.month = month_from_name(words[i].text);
    ++i;
    if (auto day = day_number(words[i]); day && i + 1 < words.size()) {
      d.day = *day;
      ++i;
      // An ordinal: "March 2nd, 2024".
      if (i < words.size() && words[i].kind == Word::kName &&
          (words[i].text == "st" || words[i].text == "nd" || words[i].text == "rd" ||
           words[i].text == "th")) {
        ++i;
      }
    }
  }
  if (d.month == 0 || i >= words.size() || words[i].kind != Word::kNumber ||
      words[i].text.size() != 4) {
    return std::nullopt;
  }
  d.year = std::stoi(words[i].text);
  if (!read_clock(words, i + 1, d) || (d.day == 0 && d.has_time()) || !valid(d)) {
    return std::nullopt;
  }
  return d;
}

}  // namespace

std::string Date::to_string() const {
  char buffer[48];
  if (month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else if (!has_time()) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  } else {
    int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                          hour, minute, second);
    if (zone_minutes && *zone_minutes == 0) {
      std::snprintf(buffer + n, sizeof buffer - static_cast<std::size_t>(n), "Z");
    } else if (zone_minutes) {
      const int z = *zone_minutes < 0 ? -*zone_minutes : *zone_minutes;
      std::snprintf(buffer + n, sizeof buffer - static_cast<std::size_t>(n), "%c%02d:%02d",
                    *zone_minutes < 0 ? '-' : '+', z / 60, z % 60);
    }
  }
  return buffer;
}

std::int64_t Date::start_instant() const {
  const std::int64_t days = days_from_civil(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
  std::int64_t seconds = days * 86400;
  if (has_time()) seconds += hour * 3600 + minute * 60 + second - zone_minutes.value_or(0) * 60;
  return seconds;
}

std::int64_t Date::end_instant() const {
  if (has_time()) return start_instant();
  if (month == 0) return Date{.year = year + 1}.start_instant() - 1;
  if (day == 0) {
    return Date{.year = year, .month = month, .day = days_in_month(year, month)}.start_instant() +
           86399;
  }
  return start_instant() + 86399;
}

std::optional<Date> parse_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (text.size() >= 4 && std::isdigit(static_cast<unsigned char>(text[0])) &&
      std::isdigit(static_cast<unsigned char>(text[3]))) {
    return parse_iso(text);
  }
  return parse_words(text);
}

Date date_of_instant(std::int64_t instant) {
  std::int64_t days = instant >= 0 ? instant / 86400 : (instant - 86399) / 86400;
  const std::int64_t secs = instant - days * 86400;
  // H. Hinnant's civil_from_days.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{.year = year,
              .month = month,
              .day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1),
              .hour = static_cast<int>(secs / 3600),
              .minute = static_cast<int>(secs % 3600 / 60),
              .second = static_cast<int>(secs % 60),
              .zone_minutes = 0};
}

}  // namespace dateline
