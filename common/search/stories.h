// Stories at search time: exact counts of the articles and stories matched, copies per story,
// timelines, and the matching copies of a story. Counted by one Xapian ValueCountMatchSpy over
// kDayStorySlot (the day and the story of each match), so that they are exact over the whole
// match set and work on remote shards as on local ones (Xapian merges the spies' counts).
// Enquire::set_collapse_key alone gives only a lower bound of the copies collapsed.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dateline/search.h"

namespace dateline {

class StoryIndex;

// A matching copy of a story of the page: what ordering and describing the story need.
struct MatchingCopy {
  static constexpr std::size_t kMaxPerStory = 1000;  // sources beyond are not listed
  std::string story;
  std::string date;  // the date slot (sorts as the instant): earliest first, ties by id
  std::string id;
  std::string source;
  // 0 when not known: a match spy over several shards sees each shard's own docids.
  Xapian::docid docid;
};

class StoryCounter {
 public:
  // `remote`: some shard is remote, and only Xapian's own ValueCountMatchSpy can count its
  // matches (it is sent to the shard's server); otherwise a spy of ours counts them in a hash
  // map rather than ValueCountMatchSpy's std::map of strings. `days`: count per day too, for
  // a timeline (a collapse alone counts stories, from their cards or story slots, and builds
  // no per-day table). `index`: every document's story and day, for one local database
  // (an array read a match rather than a value read from the match's value stream).
  StoryCounter(bool remote, bool days, const StoryIndex* index = nullptr);
  ~StoryCounter();

  // Counts every match of `enquire` (the caller asks Xapian to check them all).
  void attach(Xapian::Enquire& enquire);
  // Reads the spy; call after get_mset().
  void finish();
  // Before the match: keep the matching copies of `stories` (those of the page's hits) as
  // they are counted. Over local databases only (keeps_copies()): a remote shard runs only
  // Xapian's spy.
  void keep_copies_of(const std::vector<std::string>& stories);
  bool keeps_copies() const { return local_spy_ || indexed_spy_; }
  std::vector<MatchingCopy> take_copies();

  std::uint64_t articles() const { return articles_; }
  // Stories matched; an article without a story counts as one.
  std::uint64_t stories() const;
  std::uint64_t copies(const std::string& story) const;
  Timeline timeline(TimelinePeriod period) const;

 private:
  class LocalSpy;
  class IndexedSpy;
  void add(const std::string& value, std::uint64_t n);
  void add_day(const std::string& day, const std::string& story, std::uint64_t n);

  bool days_;  // counting per day
  std::unique_ptr<Xapian::ValueCountMatchSpy> remote_spy_;
  std::unique_ptr<LocalSpy> local_spy_;
  std::unique_ptr<IndexedSpy> indexed_spy_;
  std::uint64_t articles_ = 0;
  std::uint64_t lone_ = 0;                                               // matches without a story
  std::unordered_map<std::string, std::uint64_t> copies_;                // story -> matches
  std::map<std::string, std::map<std::string, std::uint64_t>> per_day_;  // day -> story -> n
};

// The matching copies (of `query`) of the stories of `hits` whose story.copies is over 1, by a
// match of their own: for remote shards, where the counting match cannot keep them.
std::vector<MatchingCopy> find_story_copies(const Xapian::Database& db, const Xapian::Query& query,
                                            const std::vector<SearchHit>& hits);

// Fills the stories of `hits` (whose story.copies are set) from their matching `copies`: their
// sources, first_seen and, when `list_versions`, versions, earliest first.
void describe_stories(const Xapian::Database& db, std::vector<MatchingCopy> copies,
                      bool list_versions, std::vector<SearchHit>& hits);

// The period of day `day` ("YYYY-MM-DD") and its first and last days.
TimelineBucket period_of(std::string_view day, TimelinePeriod period);

}  // namespace dateline
