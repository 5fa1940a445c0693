#include "search/recency.h"

#include <cmath>

#include "index/schema.h"
#include "index/story_assigner.h"
#include "util/date.h"

namespace dateline {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
// A database spanning more days than this gives the older days no recency (weight 0).
constexpr std::int64_t kMaxDays = 100000;

std::int64_t day_number(const std::string& day) {
  auto date = parse_date(day);
  return date ? date->start_instant() / kSecondsPerDay : 0;
}

}  // namespace

std::string newest_day(const Xapian::Database& db) {
  return db.get_value_upper_bound(schema::kDaySlot);
}

Xapian::Query with_recency(const Xapian::Database& db, const Xapian::Query& query,
                           const Recency& recency) {
  const std::string oldest = db.get_value_lower_bound(schema::kDaySlot);
  const std::string newest = db.get_value_upper_bound(schema::kDaySlot);
  if (oldest.empty() || recency.half_life_days <= 0 || query.empty()) return query;
  const std::int64_t now = day_number(recency.now_day.empty() ? newest : recency.now_day);
  const std::int64_t last = day_number(newest);
  const std::int64_t first = std::max(day_number(oldest), last - kMaxDays);
  auto source = std::make_unique<Xapian::ValueMapPostingSource>(schema::kDaySlot);
  for (std::int64_t day = first; day <= last; ++day) {
    const double age = static_cast<double>(std::max<std::int64_t>(now - day, 0));
    source->add_mapping(utc_day(day * kSecondsPerDay),
                        recency.scale * std::exp2(-age / recency.half_life_days));
  }
  source->set_default_weight(0);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                       Xapian::Query(source.release()->release()));
}

}  // namespace dateline

#include "dateline/search.h"

namespace dateline {

std::optional<double> parse_half_life_days(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double unit = 1;
  switch (text.back()) {
    case 'h':
      unit = 1.0 / 24;
      break;
    case 'd':
      unit = 1;
      break;
    case 'w':
      unit = 7;
      break;
    case 'm':
      unit = 30.4375;
      break;
    case 'y':
      unit = 365.25;
      break;
    default:
      unit = 0;
  }
  if (unit != 0) text.remove_suffix(1);
  if (unit == 0) unit = 1;
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(std::string(text), &used);
  } catch (...) {
    return std::nullopt;
  }
  if (used != text.size() || !(value > 0) || !std::isfinite(value)) return std::nullopt;
  return value * unit;
}

}  // namespace dateline
