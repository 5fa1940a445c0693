// A read-only set of words kept as 64-bit fingerprints in one open-addressed table, not as
// the words: a dictionary of 356,000 words takes under 4 MB this way, where the words
// themselves took 8 MB with their offset table and std::unordered_set<std::string> 35 MB (a
// node, a string and an allocation per word), memory a server keeps for its lifetime. Two
// different words share a fingerprint with odds of one in 2^64 per pair: for a list of a
// million words, a wrong answer is expected once in some 10^13 lookups.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dateline {

class WordSet {
 public:
  static std::uint64_t fingerprint(std::string_view word);

  // The set of the words with these fingerprints (repeats count once).
  explicit WordSet(const std::vector<std::uint64_t>& fingerprints);
  explicit WordSet(const std::vector<std::string_view>& words);
  WordSet() = default;

  bool contains(std::string_view word) const { return contains_fingerprint(fingerprint(word)); }
  bool contains_fingerprint(std::uint64_t fingerprint) const;
  std::size_t size() const { return size_; }

 private:
  std::size_t slot_of(std::uint64_t fingerprint) const;

  std::vector<std::uint64_t> slots_;  // fingerprints; 0 = empty (a fingerprint 0 is stored as 1)
  std::size_t size_ = 0;
};

}  // namespace dateline
