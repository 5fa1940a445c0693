// A read-only set of short words in two flat arrays: the words, each after a length byte, in one
// buffer, and an open-addressed table of their offsets. A dictionary of 356,000 words takes
// about 8 MB this way, where std::unordered_set<std::string> takes about 35 MB (a node, a
// string and an allocation per word) — memory a server would otherwise keep for its lifetime.
// The buffer is built by the caller (WordSet::pack) and kept as it is, so that loading a large
// list needs no second copy of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class WordSet {
 public:
  // Appends `word` to `packed` in the buffer's form. Words longer than kMaxWordBytes are left
  // out: no dictionary word is that long, and the length must fit its byte.
  static void pack(std::string& packed, std::string_view word);

  // The set of the words of `packed` (built by pack(); a repeat takes space but counts once).
  explicit WordSet(std::string packed);
  explicit WordSet(const std::vector<std::string_view>& words);
  WordSet() = default;

  bool contains(std::string_view word) const;
  std::size_t size() const { return size_; }

  // Calls `visit(word)` for each word once, in the order they were packed.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (std::size_t at = 0; at < buffer_.size(); at += 1 + word_at(at).size()) {
      const std::string_view word = word_at(at);
      if (slots_[slot_of(word)] == at + 1) visit(word);  // a repeat's slot holds the first
    }
  }

  static constexpr std::size_t kMaxWordBytes = 255;

 private:
  std::string_view word_at(std::size_t offset) const;
  // The slot of `word`: where it is, or the empty slot where it would go.
  std::size_t slot_of(std::string_view word) const;

  std::string buffer_;                // [length byte][bytes] per word
  std::vector<std::uint32_t> slots_;  // buffer offset + 1; 0 = empty; size a power of two
  std::size_t size_ = 0;
};

}  // namespace dateline
