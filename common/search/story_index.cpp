#include "search/story_index.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "index/schema.h"

namespace dateline {

namespace {

constexpr std::size_t kStoryIdDigits = 16;

// A story id as the indexer writes it (StoryAssigner: 16 lowercase hex digits); none otherwise.
std::optional<std::uint64_t> parse_story_id(std::string_view id) {
  if (id.size() != kStoryIdDigits) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : id) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    value = value << 4 | static_cast<std::uint64_t>(digit);
  }
  return value;
}

}  // namespace

std::optional<StoryIndex> StoryIndex::read(const Xapian::Database& db) {
  if (db.size() != 1) return std::nullopt;
  StoryIndex index;
  const std::size_t docids = std::size_t{db.get_lastdocid()} + 1;
  index.story_of_.assign(docids, kNoStory);
  index.day_of_.assign(docids, 0);
  std::vector<std::uint64_t> id_of(docids, 0);  // a document's story id, numbered below
  std::unordered_map<std::string, std::uint32_t> day_numbers;
  std::string last_day;
  std::uint32_t last_day_number = 0;
  for (auto it = db.valuestream_begin(schema::kDayStorySlot);
       it != db.valuestream_end(schema::kDayStorySlot); ++it) {
    const std::string value = *it;
    const std::size_t cut = value.find(schema::kListSeparator);
    if (cut == std::string::npos) return std::nullopt;
    const auto id = parse_story_id(std::string_view(value).substr(cut + 1));
    if (!id) return std::nullopt;
    const Xapian::docid docid = it.get_docid();
    if (docid >= docids) return std::nullopt;  // not the revision asked about
    // Copies of a story arrive together, and so do articles of one day: the last day read is
    // most often the next one's.
    const std::string_view day = std::string_view(value).substr(0, cut);
    if (index.days_.empty() || day != last_day) {
      last_day.assign(day);
      auto [entry, added] =
          day_numbers.emplace(last_day, static_cast<std::uint32_t>(index.days_.size()));
      if (added) index.days_.push_back(last_day);
      last_day_number = entry->second;
    }
    index.day_of_[docid] = last_day_number;
    index.story_of_[docid] = 0;  // has a story: numbered below
    id_of[docid] = *id;
    index.stories_.push_back(*id);
    ++index.storied_;
  }
  std::sort(index.stories_.begin(), index.stories_.end());
  index.stories_.erase(std::unique(index.stories_.begin(), index.stories_.end()),
                       index.stories_.end());
  index.stories_.shrink_to_fit();
  for (std::size_t docid = 0; docid < docids; ++docid) {
    if (index.story_of_[docid] == kNoStory) continue;
    index.story_of_[docid] = static_cast<std::uint32_t>(
        std::lower_bound(index.stories_.begin(), index.stories_.end(), id_of[docid]) -
        index.stories_.begin());
  }
  return index;
}

std::string StoryIndex::story_id(std::uint32_t story) const {
  char text[kStoryIdDigits + 1];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(stories_[story]));
  return text;
}

std::optional<std::uint32_t> StoryIndex::number_of(std::string_view id) const {
  const auto value = parse_story_id(id);
  if (!value) return std::nullopt;
  const auto it = std::lower_bound(stories_.begin(), stories_.end(), *value);
  if (it == stories_.end() || *it != *value) return std::nullopt;
  return static_cast<std::uint32_t>(it - stories_.begin());
}

std::size_t StoryIndex::memory_bytes() const {
  std::size_t bytes = (story_of_.capacity() + day_of_.capacity()) * sizeof(std::uint32_t) +
                      stories_.capacity() * sizeof(std::uint64_t);
  for (const std::string& day : days_) bytes += sizeof day + day.capacity();
  return bytes;
}

}  // namespace dateline
