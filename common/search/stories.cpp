#include "search/stories.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "index/schema.h"
#include "index/stored_article.h"
#include "index/story_assigner.h"
#include "util/date.h"

namespace dateline {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
// A timeline longer than this lists only its periods with matches (a search over centuries).
constexpr std::size_t kMaxFilledBuckets = 5000;

std::int64_t day_number(std::string_view day) {
  auto date = parse_date(day);
  return date ? date->start_instant() / kSecondsPerDay : 0;
}

std::string day_string(std::int64_t day) { return utc_day(day * kSecondsPerDay); }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// The first day of the period after `bucket`.
std::string next_period_day(const TimelineBucket& bucket) {
  return day_string(day_number(bucket.last_day) + 1);
}

}  // namespace

TimelineBucket period_of(std::string_view day, TimelinePeriod period) {
  TimelineBucket bucket;
  const int year = std::stoi(std::string(day.substr(0, 4)));
  const int month = std::stoi(std::string(day.substr(5, 2)));
  char text[16];
  switch (period) {
    case TimelinePeriod::kDay:
      bucket.period = bucket.first_day = bucket.last_day = std::string(day);
      break;
    case TimelinePeriod::kWeek: {
      const std::int64_t n = day_number(day);
      const std::int64_t monday = n - ((n % 7 + 7 + 3) % 7);  // 1970-01-01 was a Thursday
      bucket.period = bucket.first_day = day_string(monday);
      bucket.last_day = day_string(monday + 6);
      break;
    }
    case TimelinePeriod::kMonth:
      std::snprintf(text, sizeof text, "%04d-%02d", year, month);
      bucket.period = text;
      bucket.first_day = bucket.period + "-01";
      std::snprintf(text, sizeof text, "-%02d", days_in_month(year, month));
      bucket.last_day = bucket.period + text;
      break;
    case TimelinePeriod::kYear:
      bucket.period = std::string(day.substr(0, 4));
      bucket.first_day = bucket.period + "-01-01";
      bucket.last_day = bucket.period + "-12-31";
      break;
  }
  return bucket;
}

// The matches' values of one slot, counted: a string per match is what Document::get_value
// gives, and a hash map finds it with one hash and one comparison.
class StoryCounter::LocalSpy : public Xapian::MatchSpy {
 public:
  explicit LocalSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override { ++counts_[doc.get_value(slot_)]; }
  const std::unordered_map<std::string, std::uint64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::unordered_map<std::string, std::uint64_t> counts_;
};

StoryCounter::StoryCounter(bool remote, bool days) : days_(days || remote) {
  // Remote shards run the spy they are sent, and Xapian's has no slot to choose but its own.
  if (remote) {
    remote_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDayStorySlot);
  } else {
    local_spy_ = std::make_unique<LocalSpy>(days ? schema::kDayStorySlot : schema::kStorySlot);
  }
}

StoryCounter::~StoryCounter() = default;

void StoryCounter::attach(Xapian::Enquire& enquire) {
  if (remote_spy_) {
    enquire.add_matchspy(remote_spy_.get());
  } else {
    enquire.add_matchspy(local_spy_.get());
  }
}

void StoryCounter::add(const std::string& value, std::uint64_t n) {
  articles_ += n;
  if (!days_) {
    copies_[value] += n;
    return;
  }
  const std::size_t cut = value.find(schema::kListSeparator);
  if (cut == std::string::npos) return;
  const std::string story = value.substr(cut + 1);
  copies_[story] += n;
  per_day_[value.substr(0, cut)][story] += n;
}

void StoryCounter::finish() {
  if (remote_spy_) {
    for (auto v = remote_spy_->values_begin(); v != remote_spy_->values_end(); ++v) {
      add(*v, v.get_termfreq());
    }
  } else {
    for (const auto& [value, n] : local_spy_->counts()) add(value, n);
  }
}

std::uint64_t StoryCounter::copies(const std::string& story) const {
  auto it = copies_.find(story);
  return it == copies_.end() ? 0 : it->second;
}

Timeline StoryCounter::timeline(TimelinePeriod period) const {
  Timeline timeline{period, {}, 0};
  // Periods in order, each with the distinct stories of its days.
  std::vector<std::pair<TimelineBucket, std::unordered_map<std::string, bool>>> periods;
  for (const auto& [day, stories] : per_day_) {
    std::uint64_t n = 0;
    for (const auto& [story, count] : stories) n += count;
    if (day.empty()) {
      timeline.undated += n;
      continue;
    }
    TimelineBucket bucket = period_of(day, period);
    if (periods.empty() || periods.back().first.period != bucket.period) {
      periods.emplace_back(std::move(bucket), std::unordered_map<std::string, bool>{});
    }
    periods.back().first.articles += n;
    for (const auto& [story, count] : stories) periods.back().second[story] = true;
  }
  for (auto& [bucket, stories] : periods) {
    bucket.stories = stories.size();
    // The periods between two with matches, empty, so that a chart shows time evenly.
    while (!timeline.buckets.empty() && timeline.buckets.size() < kMaxFilledBuckets &&
           next_period_day(timeline.buckets.back()) < bucket.first_day) {
      timeline.buckets.push_back(period_of(next_period_day(timeline.buckets.back()), period));
    }
    timeline.buckets.push_back(std::move(bucket));
  }
  return timeline;
}

void read_story_copies(const Xapian::Database& db, const Xapian::Query& query, bool list_versions,
                       std::vector<SearchHit>& hits) {
  const auto add_source = [](Story& story, const std::string& source) {
    if (!source.empty() &&
        std::find(story.sources.begin(), story.sources.end(), source) == story.sources.end()) {
      story.sources.push_back(source);
    }
  };
  // A story whose only match is the hit needs nothing read; the others' copies are found by
  // one match for all of them (a match per hit cost 3x the search on reuters x4).
  std::vector<Xapian::Query> story_terms;
  Xapian::doccount wanted = 0;
  constexpr Xapian::doccount kMaxCopiesRead = 1000;  // per story; sources beyond are not listed
  for (SearchHit& hit : hits) {
    Story& story = hit.story;
    if (story.copies > 1) {
      story_terms.emplace_back(std::string(schema::kStoryPrefix).append(story.id));
      wanted +=
          static_cast<Xapian::doccount>(std::min<std::uint64_t>(story.copies, kMaxCopiesRead));
      continue;
    }
    story.first_seen = hit.article.date;
    add_source(story, hit.article.source);
    if (list_versions) {
      story.versions.push_back(
          {hit.article.id, hit.article.title, hit.article.source, hit.article.date});
    }
  }
  if (story_terms.empty()) return;
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query,
                    Xapian::Query(Xapian::Query::OP_OR, story_terms.begin(), story_terms.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, wanted);
  // Ordered here by date, then id, rather than by a Xapian KeyMaker, which remote shards lack;
  // from the documents' values, so that only the versions listed have their data decoded.
  struct Copy {
    std::string key;  // date slot, NUL, id: earliest first, ties by id
    std::string source;
    Xapian::Document doc;
  };
  std::unordered_map<std::string, std::vector<Copy>> by_story;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    std::vector<Copy>& copies = by_story[doc.get_value(schema::kStorySlot)];
    if (copies.size() >= kMaxCopiesRead) continue;
    std::string key = doc.get_value(schema::kDateSlot);
    key.append(1, '\0').append(doc.get_value(schema::kIdSlot));
    copies.push_back({std::move(key), doc.get_value(schema::kSourceSlot), std::move(doc)});
  }
  const std::size_t listed = list_versions ? Story::kMaxVersions : 1;  // the first: its date
  for (SearchHit& hit : hits) {
    Story& story = hit.story;
    if (story.copies <= 1) continue;
    std::vector<Copy>& copies = by_story[story.id];
    std::sort(copies.begin(), copies.end(),
              [](const Copy& x, const Copy& y) { return x.key < y.key; });
    for (std::size_t i = 0; i < copies.size(); ++i) {
      add_source(story, copies[i].source);
      if (i >= listed) continue;
      const Article a = from_stored(copies[i].doc.get_data());
      if (i == 0) story.first_seen = a.date;
      if (list_versions) story.versions.push_back({a.id, a.title, a.source, a.date});
    }
  }
}

}  // namespace dateline
