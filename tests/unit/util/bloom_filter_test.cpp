// BloomFilter: never "certainly not" for a hash added, rarely "perhaps" for one never added,
// however many are added, in a few bytes an entry.
#include "util/bloom_filter.h"

#include <catch2/catch.hpp>
#include <string>

#include "util/hash.h"

using namespace dateline;

TEST_CASE("bloom filter: every hash added is found, few others are", "[bloom]") {
  BloomFilter filter;
  CHECK_FALSE(filter.may_contain(hash64("never")));
  constexpr int kAdded = 300000;  // past several stages (the first holds 4,096)
  for (int i = 0; i < kAdded; ++i) filter.add(hash64("article-" + std::to_string(i)));

  int missed = 0;
  for (int i = 0; i < kAdded; ++i)
    missed += !filter.may_contain(hash64("article-" + std::to_string(i)));
  CHECK(missed == 0);

  int wrong = 0;
  constexpr int kOthers = 300000;
  for (int i = 0; i < kOthers; ++i)
    wrong += filter.may_contain(hash64("other-" + std::to_string(i)));
  CHECK(wrong > 0);  // a Bloom filter, not a set: some false positives are expected
  CHECK(wrong < kOthers * 3 / 100);
  CHECK(filter.bytes() < std::size_t{kAdded} * 5);  // 3.3 here: the last stage is half full
}
