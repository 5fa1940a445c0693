#include "search/stories.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "index/schema.h"
#include "index/stored_article.h"
#include "index/story_assigner.h"
#include "search/story_index.h"
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

// A copy's document: by its docid when known, else by its id (none if no longer there).
std::optional<Xapian::Document> document_of(const Xapian::Database& db, const MatchingCopy& copy) {
  if (copy.docid != 0) return db.get_document(copy.docid);
  return schema::document_by_id(db, copy.id);
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
// gives, and a hash map finds it with one hash and one comparison. Also keeps the copies of the
// stories asked for as the match meets them (from the value streams the match runs over, where
// reading them afterwards costs a tree lookup per value); counted by story, the same lookup
// finds whether to keep one.
class StoryCounter::LocalSpy : public Xapian::MatchSpy {
 public:
  explicit LocalSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (slot_ == schema::kStorySlot) {
      // The copy's story card holds all that is kept of it: one value read a match.
      const std::string card = doc.get_value(schema::kStoryCardSlot);
      if (const auto fields = schema::parse_story_card(card)) {
        std::string story(fields->story);
        Tally& tally = counts_[story];
        ++tally.matches;
        if (tally.keep) keep_copy(std::move(story), tally.kept, doc, fields);
        return;
      }
    }
    // Written before story cards, or counting by day: the copy's other slots are read.
    const std::string value = doc.get_value(slot_);
    Tally& tally = counts_[value];
    ++tally.matches;
    if (slot_ != schema::kDayStorySlot) {
      if (tally.keep) keep_copy(value, tally.kept, doc);
      return;
    }
    if (kept_by_day_.empty()) return;
    const std::size_t cut = value.find(schema::kListSeparator);
    if (cut == std::string::npos) return;
    std::string story = value.substr(cut + 1);
    auto kept = kept_by_day_.find(story);
    if (kept != kept_by_day_.end()) keep_copy(std::move(story), kept->second, doc);
  }

  // Copies of `story` are kept.
  void keep(const std::string& story) {
    if (slot_ == schema::kDayStorySlot) {
      kept_by_day_.emplace(story, 0);
    } else {
      counts_[story].keep = true;
    }
  }
  template <typename Visit>
  void for_each_count(Visit visit) const {
    for (const auto& [value, tally] : counts_) {
      if (tally.matches > 0) visit(value, tally.matches);
    }
  }
  std::vector<MatchingCopy> take_copies() { return std::move(copies_); }

 private:
  struct Tally {
    std::uint64_t matches = 0;
    bool keep = false;     // a story of the page: its copies are kept
    std::size_t kept = 0;  // copies kept
  };

  // Keeps a copy of `story` from its story card (`card`, or read from `doc`), or from three
  // slots of a document written before cards.
  void keep_copy(std::string story, std::size_t& kept, const Xapian::Document& doc,
                 std::optional<schema::StoryCard> card = std::nullopt) {
    if (kept == MatchingCopy::kMaxPerStory) return;
    ++kept;
    // The docid is that of the copy's shard when there are several: 0, found by id instead.
    std::string value;  // what a card read here views
    if (!card) {
      value = doc.get_value(schema::kStoryCardSlot);
      card = schema::parse_story_card(value);
    }
    if (const auto& fields = card) {
      copies_.push_back({std::move(story), std::string(fields->date), std::string(fields->id),
                         std::string(fields->source), 0});
      return;
    }
    copies_.push_back({std::move(story), doc.get_value(schema::kDateSlot),
                       doc.get_value(schema::kIdSlot), doc.get_value(schema::kSourceSlot), 0});
  }

  Xapian::valueno slot_;
  std::unordered_map<std::string, Tally> counts_;
  std::unordered_map<std::string, std::size_t> kept_by_day_;  // story -> copies kept
  std::vector<MatchingCopy> copies_;
};

// Counts by story number from a StoryIndex: an array read a match, where LocalSpy reads a
// value from the match's value stream and hashes it. Keeps the copies of the stories asked for
// from their story cards, with their docids (one database: the docids are the database's).
class StoryCounter::IndexedSpy : public Xapian::MatchSpy {
 public:
  IndexedSpy(const StoryIndex& index, bool days)
      : index_(index), days_(days), tallies_(index.story_count()) {}

  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid docid = doc.get_docid();
    const std::uint32_t story = index_.story_of(docid);
    ++articles_;
    if (story == StoryIndex::kNoStory) {
      ++lone_;
      return;
    }
    Tally& tally = tallies_[story];
    if (tally.matches++ == 0) matched_.push_back(story);
    if (days_) ++per_day_[std::uint64_t{index_.day_of(docid)} << 32 | story];
    if (tally.keep && tally.kept < MatchingCopy::kMaxPerStory) {
      ++tally.kept;
      const std::string card = doc.get_value(schema::kStoryCardSlot);
      if (const auto fields = schema::parse_story_card(card)) {
        copies_.push_back({std::string(fields->story), std::string(fields->date),
                           std::string(fields->id), std::string(fields->source), docid});
      } else {
        copies_.push_back({index_.story_id(story), doc.get_value(schema::kDateSlot),
                           doc.get_value(schema::kIdSlot), doc.get_value(schema::kSourceSlot),
                           docid});
      }
    }
  }

  void keep(const std::string& story) {
    if (const auto number = index_.number_of(story)) tallies_[*number].keep = true;
  }
  std::uint64_t articles() const { return articles_; }
  std::uint64_t lone() const { return lone_; }
  std::uint64_t stories() const { return matched_.size(); }
  std::uint64_t copies(const std::string& story) const {
    const auto number = index_.number_of(story);
    return number ? tallies_[*number].matches : 0;
  }
  // Visits (day, story, matches) of every day and story matched; with `days` only.
  template <typename Visit>
  void for_each_day_count(Visit visit) const {
    for (const auto& [key, n] : per_day_) {
      visit(index_.day(static_cast<std::uint32_t>(key >> 32)),
            static_cast<std::uint32_t>(key & UINT32_MAX), n);
    }
  }
  const StoryIndex& index() const { return index_; }
  std::vector<MatchingCopy> take_copies() { return std::move(copies_); }

 private:
  struct Tally {
    std::uint32_t matches = 0;
    std::uint16_t kept = 0;  // copies kept (at most MatchingCopy::kMaxPerStory)
    bool keep = false;       // a story of the page: its copies are kept
  };

  const StoryIndex& index_;
  bool days_;
  std::vector<Tally> tallies_;          // by story number: one allocation, no hashing
  std::vector<std::uint32_t> matched_;  // the stories with matches
  std::unordered_map<std::uint64_t, std::uint64_t> per_day_;  // day << 32 | story -> matches
  std::uint64_t articles_ = 0;
  std::uint64_t lone_ = 0;  // matches without a story
  std::vector<MatchingCopy> copies_;
};

StoryCounter::StoryCounter(bool remote, bool days, const StoryIndex* index)
    : days_(days || remote) {
  // Remote shards run the spy they are sent, and Xapian's has no slot to choose but its own.
  if (remote) {
    remote_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDayStorySlot);
  } else if (index) {
    indexed_spy_ = std::make_unique<IndexedSpy>(*index, days);
  } else {
    local_spy_ = std::make_unique<LocalSpy>(days ? schema::kDayStorySlot : schema::kStorySlot);
  }
}

StoryCounter::~StoryCounter() = default;

void StoryCounter::attach(Xapian::Enquire& enquire) {
  if (remote_spy_) {
    enquire.add_matchspy(remote_spy_.get());
  } else if (indexed_spy_) {
    enquire.add_matchspy(indexed_spy_.get());
  } else {
    enquire.add_matchspy(local_spy_.get());
  }
}

void StoryCounter::add(const std::string& value, std::uint64_t n) {
  articles_ += n;
  if (value.empty()) {
    lone_ += n;  // an article without a story stands alone
    return;
  }
  if (!days_) {
    copies_[value] += n;
    return;
  }
  const std::size_t cut = value.find(schema::kListSeparator);
  if (cut == std::string::npos) return;
  add_day(value.substr(0, cut), value.substr(cut + 1), n);
}

void StoryCounter::add_day(const std::string& day, const std::string& story, std::uint64_t n) {
  copies_[story] += n;
  per_day_[day][story] += n;
}

void StoryCounter::finish() {
  if (remote_spy_) {
    for (auto v = remote_spy_->values_begin(); v != remote_spy_->values_end(); ++v) {
      add(*v, v.get_termfreq());
    }
    // Xapian's spy counts no empty value: the matches it did not list have no story.
    const std::uint64_t total = remote_spy_->get_total();
    if (total > articles_) add(std::string(), total - articles_);
  } else if (indexed_spy_) {
    articles_ = indexed_spy_->articles();
    lone_ = indexed_spy_->lone();
    if (!days_) return;  // copies() and stories() ask the spy
    const StoryIndex& index = indexed_spy_->index();
    indexed_spy_->for_each_day_count(
        [&](const std::string& day, std::uint32_t story, std::uint64_t n) {
          add_day(day, index.story_id(story), n);
        });
  } else {
    local_spy_->for_each_count(
        [this](const std::string& value, std::uint64_t n) { add(value, n); });
  }
}

void StoryCounter::keep_copies_of(const std::vector<std::string>& stories) {
  for (const std::string& story : stories) {
    if (story.empty()) continue;  // an article without a story: no copies
    if (indexed_spy_) {
      indexed_spy_->keep(story);
    } else if (local_spy_) {
      local_spy_->keep(story);
    }
  }
}

std::vector<MatchingCopy> StoryCounter::take_copies() {
  if (indexed_spy_) return indexed_spy_->take_copies();
  return local_spy_ ? local_spy_->take_copies() : std::vector<MatchingCopy>{};
}

std::uint64_t StoryCounter::stories() const {
  if (indexed_spy_ && !days_) return indexed_spy_->stories() + lone_;
  return copies_.size() + lone_;
}

std::uint64_t StoryCounter::copies(const std::string& story) const {
  if (indexed_spy_ && !days_) return indexed_spy_->copies(story);
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

std::vector<MatchingCopy> find_story_copies(const Xapian::Database& db, const Xapian::Query& query,
                                            const std::vector<SearchHit>& hits) {
  // One match for all the stories with copies (a match per hit cost 3x the search on
  // reuters x4).
  std::vector<Xapian::Query> story_terms;
  Xapian::doccount wanted = 0;
  for (const SearchHit& hit : hits) {
    if (hit.story.copies <= 1) continue;
    story_terms.emplace_back(std::string(schema::kStoryPrefix).append(hit.story.id));
    wanted += static_cast<Xapian::doccount>(
        std::min<std::uint64_t>(hit.story.copies, MatchingCopy::kMaxPerStory));
  }
  std::vector<MatchingCopy> copies;
  if (story_terms.empty()) return copies;
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query,
                    Xapian::Query(Xapian::Query::OP_OR, story_terms.begin(), story_terms.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, wanted);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    copies.push_back({doc.get_value(schema::kStorySlot), doc.get_value(schema::kDateSlot),
                      doc.get_value(schema::kIdSlot), doc.get_value(schema::kSourceSlot), *it});
  }
  return copies;
}

void describe_stories(const Xapian::Database& db, std::vector<MatchingCopy> copies,
                      bool list_versions, std::vector<SearchHit>& hits) {
  const auto add_source = [](Story& story, const std::string& source) {
    if (!source.empty() &&
        std::find(story.sources.begin(), story.sources.end(), source) == story.sources.end()) {
      story.sources.push_back(source);
    }
  };
  // Earliest first (date, then id), ordered here rather than by a Xapian KeyMaker, which
  // remote shards lack; each story's copies in one range.
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> by_story;
  const auto group = [&copies, &by_story] {
    std::sort(copies.begin(), copies.end(), [](const MatchingCopy& x, const MatchingCopy& y) {
      return std::tie(x.story, x.date, x.id) < std::tie(y.story, y.date, y.id);
    });
    by_story.clear();
    for (std::size_t i = 0; i < copies.size();) {
      std::size_t end = i;
      while (end < copies.size() && copies[end].story == copies[i].story) ++end;
      by_story.emplace(copies[i].story, std::pair{i, end});
      i = end;
    }
  };
  group();
  // The hit is one of its story's copies even where the copies kept stop short of it (the time
  // limit cut the count, or the story has more than kMaxPerStory): rarely, so the copies are
  // grouped again only then.
  std::vector<MatchingCopy> missing;  // apart: by_story views the copies' stories
  for (const SearchHit& hit : hits) {
    if (hit.story.copies <= 1) continue;
    if (auto range = by_story.find(hit.story.id); range != by_story.end()) {
      const auto [first, end] = range->second;
      const auto same = [&hit](const MatchingCopy& copy) { return copy.id == hit.article.id; };
      if (std::any_of(copies.begin() + static_cast<std::ptrdiff_t>(first),
                      copies.begin() + static_cast<std::ptrdiff_t>(end), same))
        continue;
    }
    MatchingCopy self{hit.story.id, "", hit.article.id, hit.article.source, 0};
    if (const auto doc = document_of(db, self)) self.date = doc->get_value(schema::kDateSlot);
    missing.push_back(std::move(self));
  }
  if (!missing.empty()) {
    copies.insert(copies.end(), std::make_move_iterator(missing.begin()),
                  std::make_move_iterator(missing.end()));
    group();
  }
  const std::size_t listed = list_versions ? Story::kMaxVersions : 1;  // the first: its date
  for (SearchHit& hit : hits) {
    Story& story = hit.story;
    const Article& shown = hit.article;
    auto range = by_story.find(story.id);
    // A story whose only match is the hit (or whose copies the time limit left uncounted).
    if (story.copies <= 1 || range == by_story.end()) {
      story.first_seen = shown.date;
      add_source(story, shown.source);
      if (list_versions)
        story.versions.push_back({shown.id, shown.title, shown.source, shown.date});
      continue;
    }
    const std::size_t first = range->second.first;
    const std::size_t end = std::min(range->second.second, first + MatchingCopy::kMaxPerStory);
    for (std::size_t i = first; i < end; ++i) {
      add_source(story, copies[i].source);
      if (i - first >= listed) continue;
      // Only the versions listed have their data decoded, and not the hit's own.
      const bool is_hit = copies[i].id == shown.id;
      std::optional<Article> decoded;
      if (!is_hit) {
        const auto doc = document_of(db, copies[i]);
        if (!doc) continue;  // deleted since: its source is listed still
        decoded = from_stored(doc->get_data());
      }
      const Article& a = is_hit ? shown : *decoded;
      if (i == first) story.first_seen = a.date;
      if (list_versions) story.versions.push_back({a.id, a.title, a.source, a.date});
    }
  }
}

}  // namespace dateline
