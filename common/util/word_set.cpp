#include "util/word_set.h"

#include <functional>
#include <stdexcept>

namespace dateline {

WordSet::WordSet(const std::vector<std::string_view>& words) {
  std::size_t capacity = 16;
  while (capacity < words.size() * 2) capacity *= 2;  // at most half full: short probe runs
  slots_.assign(capacity, 0);
  for (std::string_view word : words) {
    if (word.size() > kMaxWordBytes) continue;
    const std::size_t slot = slot_of(word);
    if (slots_[slot] != 0) continue;  // already in
    if (buffer_.size() + word.size() + 1 >= UINT32_MAX) {
      throw std::length_error("WordSet: more than 4 GB of words");
    }
    slots_[slot] = static_cast<std::uint32_t>(buffer_.size() + 1);
    buffer_ += static_cast<char>(word.size());
    buffer_ += word;
    ++size_;
  }
  buffer_.shrink_to_fit();
}

std::string_view WordSet::word_at(std::uint32_t offset) const {
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
