// A read-only set of short words in two flat arrays: the words, each after a length byte, in one
// buffer, and an open-addressed table of their offsets. A dictionary of 356,000 words takes
// about 8 MB this way, where std::unordered_set<std::string> takes about 35 MB (a node, a
// string and an allocation per word) — memory a server would otherwise keep for its lifetime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class WordSet {
 public:
  // Builds the set of `words` (repeats kept once). Words longer than kMaxWordBytes are left
  // out: no dictionary word is that long, and the length must fit its byte.
  explicit WordSet(const std::vector<std::string_view>& words);
  WordSet() = default;

  bool contains(std::string_view word) const;
  std::size_t size() const { return size_; }

  static constexpr std::size_t kMaxWordBytes = 255;

 private:
  std::string_view word_at(std::uint32_t offset) const;
  // The slot of `word`: where it is, or the empty slot where it would go.
  std::size_t slot_of(std::string_view word) const;

  std::string buffer_;                // [length byte][bytes] per word
  std::vector<std::uint32_t> slots_;  // buffer offset + 1; 0 = empty; size a power of two
  std::size_t size_ = 0;
};

}  // namespace dateline
