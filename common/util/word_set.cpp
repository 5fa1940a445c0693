#include "util/word_set.h"

#include <algorithm>
#include <functional>

namespace dateline {

namespace {

std::uint64_t nonzero(std::uint64_t fingerprint) { return fingerprint == 0 ? 1 : fingerprint; }

}  // namespace

std::uint64_t WordSet::fingerprint(std::string_view word) {
  // libstdc++'s string hash is 64-bit MurmurHash2: well mixed, the same in every process.
  return nonzero(std::hash<std::string_view>{}(word));
}

WordSet::WordSet(const std::vector<std::uint64_t>& fingerprints) {
  // At most four fifths full: short probe runs, a fifth more memory than the fingerprints.
  slots_.assign(std::max<std::size_t>(16, fingerprints.size() + fingerprints.size() / 4), 0);
  for (std::uint64_t fingerprint : fingerprints) {
    fingerprint = nonzero(fingerprint);
    const std::size_t slot = slot_of(fingerprint);
    if (slots_[slot] == fingerprint) continue;  // a repeat
    slots_[slot] = fingerprint;
    ++size_;
  }
}

WordSet::WordSet(const std::vector<std::string_view>& words)
    : WordSet([&] {
        std::vector<std::uint64_t> fingerprints;
        fingerprints.reserve(words.size());
        for (std::string_view word : words) fingerprints.push_back(fingerprint(word));
        return fingerprints;
      }()) {}

std::size_t WordSet::slot_of(std::uint64_t fingerprint) const {
  // The fingerprint picks the first slot; probing goes on to the next slot until the
  // fingerprint or an empty slot.
  std::size_t slot = static_cast<std::size_t>(fingerprint % slots_.size());
  while (slots_[slot] != 0 && slots_[slot] != fingerprint) {
    if (++slot == slots_.size()) slot = 0;
  }
  return slot;
}

bool WordSet::contains_fingerprint(std::uint64_t fingerprint) const {
  if (slots_.empty()) return false;
  fingerprint = nonzero(fingerprint);
  return slots_[slot_of(fingerprint)] == fingerprint;
}

}  // namespace dateline
