#include "util/word_set.h"

#include <functional>
#include <stdexcept>

namespace dateline {

void WordSet::pack(std::string& packed, std::string_view word) {
  if (word.size() > kMaxWordBytes) return;
  packed += static_cast<char>(word.size());
  packed += word;
}

WordSet::WordSet(std::string packed) : buffer_(std::move(packed)) {
  if (buffer_.size() >= UINT32_MAX) throw std::length_error("WordSet: more than 4 GB of words");
  std::size_t words = 0;
  for (std::size_t at = 0; at < buffer_.size(); at += 1 + word_at(at).size()) ++words;
  std::size_t capacity = 16;
  while (capacity < words * 2) capacity *= 2;  // at most half full: short probe runs
  slots_.assign(capacity, 0);
  for (std::size_t at = 0; at < buffer_.size(); at += 1 + word_at(at).size()) {
    const std::size_t slot = slot_of(word_at(at));
    if (slots_[slot] != 0) continue;  // a repeat
    slots_[slot] = static_cast<std::uint32_t>(at + 1);
    ++size_;
  }
}

WordSet::WordSet(const std::vector<std::string_view>& words)
    : WordSet([&] {
        std::string packed;
        for (std::string_view word : words) pack(packed, word);
        return packed;
      }()) {}

std::string_view WordSet::word_at(std::size_t offset) const {
  const auto length = static_cast<unsigned char>(buffer_[offset]);
  return std::string_view(buffer_).substr(offset + 1, length);
}

std::size_t WordSet::slot_of(std::string_view word) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = std::hash<std::string_view>{}(word)&mask;
  while (slots_[slot] != 0 && word_at(slots_[slot] - 1) != word) slot = (slot + 1) & mask;
  return slot;
}

bool WordSet::contains(std::string_view word) const {
  if (slots_.empty() || word.size() > kMaxWordBytes) return false;
  return slots_[slot_of(word)] != 0;
}

}  // namespace dateline
