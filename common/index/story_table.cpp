#include "index/story_table.h"

#include <algorithm>

namespace dateline {

StoryTable::StoryTable(const NearDuplicateSigner& signer, StoryOptions options)
    : signer_(signer), options_(options) {}

std::vector<StoryTable::Key> StoryTable::candidates(const Signature& signature) const {
  std::vector<Key> out;
  for (std::uint32_t band : signer_.band_keys(signature)) {
    auto it = buckets_.find(band);
    if (it != buckets_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool StoryTable::fits_window(const Span& span, int day) const {
  return std::max(span.last, day) - std::min(span.first, day) <= options_.window_days;
}

std::optional<StoryTable::Match> StoryTable::best_match(int day, const Signature& signature) const {
  std::optional<Match> best;
  for (Key key : candidates(signature)) {  // in key order, so ties go to the smallest key
    const Entry& entry = articles_.at(key);
    if (entry.day < day - options_.window_days || entry.day > day + options_.window_days) continue;
    const double similarity = signer_.similarity(signature, entry.signature);
    if (similarity < options_.threshold || (best && similarity <= best->similarity)) continue;
    if (!fits_window(stories_.at(entry.story), day)) continue;
    best = Match{key, entry.story, similarity};
  }
  return best;
}

void StoryTable::insert(Key key, int day, const Signature& signature, Key story) {
  articles_[key] = Entry{day, story, signature};
  for (std::uint32_t band : signer_.band_keys(signature)) buckets_[band].push_back(key);
  auto [it, fresh] = stories_.try_emplace(story, Span{day, day, 0});
  Span& span = it->second;
  if (!fresh) {
    span.first = std::min(span.first, day);
    span.last = std::max(span.last, day);
  }
  ++span.articles;
}

StoryTable::Key StoryTable::add(Key key, int day, const Signature& signature) {
  erase(key);
  const std::optional<Match> match = best_match(day, signature);
  const Key story = match ? match->story : key;
  insert(key, day, signature, story);
  return story;
}

void StoryTable::restore(Key key, int day, const Signature& signature, Key story) {
  erase(key);
  insert(key, day, signature, story);
}

void StoryTable::erase(Key key) {
  auto it = articles_.find(key);
  if (it == articles_.end()) return;
  for (std::uint32_t band : signer_.band_keys(it->second.signature)) {
    auto bucket = buckets_.find(band);
    if (bucket == buckets_.end()) continue;
    std::vector<Key>& keys = bucket->second;
    keys.erase(std::remove(keys.begin(), keys.end(), key), keys.end());
    if (keys.empty()) buckets_.erase(bucket);
  }
  auto story = stories_.find(it->second.story);
  if (story != stories_.end() && --story->second.articles == 0) stories_.erase(story);
  articles_.erase(it);
}

void StoryTable::forget_before(int day) {
  std::vector<Key> old;
  for (const auto& [key, entry] : articles_) {
    if (entry.day < day) old.push_back(key);
  }
  for (Key key : old) erase(key);
}

std::optional<StoryTable::Key> StoryTable::story_of(Key key) const {
  auto it = articles_.find(key);
  if (it == articles_.end()) return std::nullopt;
  return it->second.story;
}

std::size_t StoryTable::memory_bytes() const {
  // Hash-table nodes hold the value, a next pointer and the cached hash; buckets hold a pointer.
  constexpr std::size_t kNode = 2 * sizeof(void*);
  std::size_t bytes = 0;
  for (const auto& [key, entry] : articles_) {
    bytes += kNode + sizeof(key) + sizeof(entry) + entry.signature.minima.capacity() * 2;
  }
  for (const auto& [band, keys] : buckets_) {
    bytes += kNode + sizeof(band) + sizeof(keys) + keys.capacity() * sizeof(Key);
  }
  bytes += stories_.size() * (kNode + sizeof(Key) + sizeof(Span));
  bytes += (articles_.bucket_count() + buckets_.bucket_count() + stories_.bucket_count()) *
           sizeof(void*);
  return bytes;
}

}  // namespace dateline
