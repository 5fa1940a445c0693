// A set of 64-bit hashes that answers "perhaps" or "certainly not", in 2 to 4.5 bytes an entry
// at a million (a new stage is allocated whole): a scalable Bloom filter (Almeida, Baquero,
// Preguiça and Hutchison, "Scalable Bloom Filters", 2007), a chain of Bloom filters each holding
// twice as many entries as the one before, so that no size needs to be known in advance, and
// each with one bit an entry more, so that their false positives add up to about 2% at most
// however many are added.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline {

class BloomFilter {
 public:
  void add(std::uint64_t hash) {
    if (stages_.empty() || stages_.back().count == stages_.back().capacity) add_stage();
    Stage& stage = stages_.back();
    for_each_bit(stage, hash, [&stage](std::size_t bit) { stage.bits[bit / 64] |= bit_mask(bit); });
    ++stage.count;
  }

  // False: `hash` was never added. True: it probably was.
  bool may_contain(std::uint64_t hash) const {
    for (const Stage& stage : stages_) {
      bool all = true;
      for_each_bit(stage, hash,
                   [&](std::size_t bit) { all = all && (stage.bits[bit / 64] & bit_mask(bit)); });
      if (all) return true;
    }
    return false;
  }

  std::size_t bytes() const {
    std::size_t total = 0;
    for (const Stage& stage : stages_) total += stage.bits.capacity() * sizeof(std::uint64_t);
    return total;
  }

 private:
  // A full stage of b bits an entry and b ln 2 probes answers "perhaps" wrongly for 0.6185^b
  // of the hashes never added: 0.8% at 10 bits, and the sum over 10, 11, 12... bits is 2.1%.
  static constexpr std::size_t kFirstBitsPerEntry = 10;
  static constexpr std::size_t kMaxBitsPerEntry = 24;
  static constexpr std::size_t kFirstCapacity = 4096;

  struct Stage {
    std::vector<std::uint64_t> bits;
    std::size_t capacity = 0;  // entries before the next stage begins
    std::size_t count = 0;
    int probes = 0;
  };

  static std::uint64_t bit_mask(std::size_t bit) { return std::uint64_t{1} << (bit % 64); }

  void add_stage() {
    Stage stage;
    stage.capacity = stages_.empty() ? kFirstCapacity : stages_.back().capacity * 2;
    const std::size_t bits = std::min(kFirstBitsPerEntry + stages_.size(), kMaxBitsPerEntry);
    stage.bits.assign(stage.capacity * bits / 64, 0);
    stage.probes = static_cast<int>(static_cast<double>(bits) * 0.6931 + 0.5);
    stages_.push_back(std::move(stage));
  }

  // The probes of `hash` in `stage`, by double hashing (Kirsch and Mitzenmacher 2006): two
  // halves of one well-mixed hash make them all.
  template <typename Use>
  static void for_each_bit(const Stage& stage, std::uint64_t hash, Use use) {
    const std::size_t size = stage.bits.size() * 64;
    const std::uint64_t mixed = mix(hash);
    const std::uint64_t step = (mixed >> 32) | 1;
    std::uint64_t at = mixed;
    for (int i = 0; i < stage.probes; ++i, at += step) use(static_cast<std::size_t>(at % size));
  }

  // splitmix64's finalizer: the callers' hashes may be weak in some bits.
  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }

  std::vector<Stage> stages_;
};

}  // namespace dateline
