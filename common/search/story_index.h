// Every document's story and day, in memory, for the counting match of a collapsed search or a
// timeline. The counting match visits every match, and reading each one's kDayStorySlot value
// from the value stream decodes every value of the chunks it passes through (Xapian skips
// within a chunk value by value): 25% of a collapsed search at reuters x4. Here a match is one
// array read by docid. Read in one pass over the slot's stream (about 30 ms at reuters x4,
// 80,000 articles), so a Searcher builds it only once it has served a counting search, and
// keeps it while the database stays at the same revision.
//
// For one local database only: over several shards a match spy sees each shard's own docids,
// and a remote shard has no value stream here to read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class StoryIndex {
 public:
  static constexpr std::uint32_t kNoStory = UINT32_MAX;  // a document without a story

  // Reads the kDayStorySlot stream of `db`; none when `db` is not one database, or holds a story
  // id that is not of the form the indexer writes (16 hex digits), which the slots then serve.
  static std::optional<StoryIndex> read(const Xapian::Database& db);

  // The story (a number below story_count()) of document `docid`, or kNoStory.
  std::uint32_t story_of(Xapian::docid docid) const {
    return docid < story_of_.size() ? story_of_[docid] : kNoStory;
  }
  // The day (a number below day_count()) of document `docid`; meaningless without a story.
  std::uint32_t day_of(Xapian::docid docid) const {
    return docid < day_of_.size() ? day_of_[docid] : 0;
  }
  std::size_t story_count() const { return stories_.size(); }
  // Documents with a story per story (1 when there are none).
  double copies_per_story() const {
    return stories_.empty() ? 1.0 : static_cast<double>(storied_) / stories_.size();
  }
  // The story id of number `story`, as written in the slots.
  std::string story_id(std::uint32_t story) const;
  // The number of story id `id`; none for an id no document has.
  std::optional<std::uint32_t> number_of(std::string_view id) const;
  // The day of number `day`: "YYYY-MM-DD", or "" for undated articles.
  const std::string& day(std::uint32_t day) const { return days_[day]; }

  std::size_t memory_bytes() const;

 private:
  std::vector<std::uint32_t> story_of_;  // by docid
  std::vector<std::uint32_t> day_of_;    // by docid
  std::vector<std::uint64_t> stories_;   // by number: the ids, ascending (number_of searches it)
  std::vector<std::string> days_;        // by number
  std::size_t storied_ = 0;              // documents with a story
};

}  // namespace dateline
