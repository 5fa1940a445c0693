// Stories at search time: exact counts of the articles and stories matched, copies per story,
// timelines, and the matching copies of a story. Counted by one Xapian ValueCountMatchSpy over
// kDayStorySlot (the day and the story of each match), so that they are exact over the whole
// match set and work on remote shards as on local ones (Xapian merges the spies' counts).
// Enquire::set_collapse_key alone gives only a lower bound of the copies collapsed.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "dateline/search.h"

namespace dateline {

class StoryCounter {
 public:
  StoryCounter();

  // Counts every match of `enquire` (the caller asks Xapian to check them all).
  void attach(Xapian::Enquire& enquire);
  // Reads the spy; call after get_mset().
  void finish();

  std::uint64_t articles() const { return articles_; }
  std::uint64_t stories() const { return copies_.size(); }
  std::uint64_t copies(const std::string& story) const;
  Timeline timeline(TimelinePeriod period) const;

 private:
  Xapian::ValueCountMatchSpy spy_;
  std::uint64_t articles_ = 0;
  std::unordered_map<std::string, std::uint64_t> copies_;             // story -> matches
  std::map<std::string, std::map<std::string, std::uint64_t>> days_;  // day -> story -> n
};

// The matching copies (of `query`) of the stories of `hits`, whose story.copies are set:
// fills each story's sources, first_seen and, when `list_versions`, versions, earliest first.
void read_story_copies(const Xapian::Database& db, const Xapian::Query& query, bool list_versions,
                       std::vector<SearchHit>& hits);

// The period of day `day` ("YYYY-MM-DD") and its first and last days.
TimelineBucket period_of(std::string_view day, TimelinePeriod period);

}  // namespace dateline
