// Content hashes: 128-bit XXH3 as 32 hex digits, for ids derived from content, the "unchanged"
// check and long id terms. Not cryptographic: collisions are astronomically unlikely by chance,
// not impossible by design.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dateline {

// Hashes a sequence of fields. Each field is followed by a separator, so ("ab", "c") and
// ("a", "bc") hash differently.
class FieldHasher {
 public:
  FieldHasher();
  ~FieldHasher();

  FieldHasher& add(std::string_view field);
  // The 128-bit hash of the fields so far, as 32 lower-case hex digits.
  std::string hex() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The 128-bit hash of `data` as 32 lower-case hex digits.
std::string hex128(std::string_view data);

// A 64-bit hash of `data`, the same on every machine and run (unlike std::hash).
std::uint64_t hash64(std::string_view data);

}  // namespace dateline
