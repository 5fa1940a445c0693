// Near-duplicate detection for news stories: MinHash signatures over word shingles (Broder,
// "On the resemblance and containment of documents", 1997), compared by estimated containment,
// with LSH band keys for finding candidates without comparing all pairs.
//
// The same wire story arrives many times: under another headline, trimmed from the end, with
// paragraphs moved, a dateline or byline added, a sentence inserted, small edits. A trimmed copy
// keeps ~half of the original's shingles (Jaccard ~0.5) but almost all of its own (containment
// ~1), so the similarity is the estimated containment of the smaller shingle set in the larger,
// computed from the MinHash Jaccard estimate and the two set sizes. Shingles do not cross
// paragraph breaks, so moving paragraphs costs nothing; each distinct number is a feature too,
// as figures are what tell one template story from another. Measured choices and the
// threshold curve: docs/stories.md; the labelled pairs: tests/data/stories/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace dateline {

// What a signature is made of. The defaults are the measured choice; other values are for the
// measurements of bench/stories.cpp. Figures: precision / recall at the threshold 0.80 on
// tests/data/stories/pairs.jsonl (417 pairs), means over 20 hash seeds (`stories_bench sweep`,
// docs/stories.md); the defaults give 0.974 / 0.951 and pass both targets under every seed.
struct NearDuplicateOptions {
  // 4 words: 3 give 0.947 / 0.965 (template stories share more 3-word runs; 10 of 20 seeds
  // pass), 5 give 0.980 / 0.937 (edits cost more).
  std::size_t shingle_words = 4;
  // 64 values: 128 give 0.973 / 0.953, within the spread over seeds; 32 give 0.969 / 0.937.
  std::size_t hashes = 64;
  // Bits kept of the values that are not band keys: 16 give 0.973 / 0.951, the same as 8.
  std::size_t value_bits = 8;
  // Band keys, one value each (r = 1): a pair of Jaccard J shares one with probability
  // 1 - (1 - J)^16: 99.7% at J = 0.31, the lowest Jaccard of a pair the threshold accepts in
  // either labelled set; every accepted pair shared one under all 20 seeds.
  std::size_t bands = 16;
  // Fewer distinct features (about 30 words) is too short to judge: a headline or a one-line
  // brief stands alone rather than join a story by chance. 10% of Reuters-21578.
  std::size_t min_features = 30;
  bool include_title = false;  // the headline is what copies change first: 0.970 / 0.953 with it
  // Figures tell one template story from another (the Fed's daily repurchases, earnings
  // tables): without numbers 0.822 / 0.948, and precision reaches 0.95 at no threshold.
  bool keep_numbers = true;
  // Extra features per distinct number. 3 scores the same within the spread (0.972 / 0.950) but
  // makes 4.5% more of Reuters judgeable, mostly tables, which merge into big stories of one
  // template (of 7 and 15 articles).
  std::size_t number_weight = 1;
  // Numbers shorter than this are features only inside shingles: the parts of "6-1/8" and the
  // days of the month are in every table. With 1 the pairs score 0.978 / 0.955, but Reuters
  // gets 12 more merges, 10 of them not copies (intraday rate tables, the Fed's repurchases of
  // two days, a pork price table "contained" in a bond digest); 2 makes 3 that 1 does not.
  std::size_t min_number_bytes = 2;
  bool cross_paragraphs = false;  // shingles across paragraph breaks: 0.968 / 0.938
  // Containment of the smaller set: Jaccard gives 1.000 / 0.652 (trimmed copies are lost).
  bool containment = true;
  // Below this estimated Jaccard the similarity is 0: containment estimated from a few agreeing
  // values of a brief and a long article is noise. On Reuters this floor parts 25 merges, each
  // a brief with an unrelated long story; 0.2 would part 6 more, all true copies.
  double min_jaccard = 0.1;
  // Picks the hash functions. Stored signatures are only comparable under one seed; other
  // seeds measure how much the figures owe to the particular functions (docs/stories.md).
  std::uint64_t seed = 0;

  static constexpr std::size_t kMaxHashes = 128;
};

// An article's signature: `hashes` MinHash values and the number of distinct features (shingles
// and numbers) they were taken from. The first `wide` values, the LSH band keys, keep 16 bits so
// that a key is shared by chance with one article in 65,536; the others keep their low
// `value_bits` bits, as b-bit minwise hashing does (Li and König 2010), which estimates as well
// at 8 bits as at 16 here (docs/stories.md). An article with fewer than `min_features` features
// has no values: it is too short to judge and stands alone.
struct Signature {
  std::vector<std::uint16_t> minima;
  std::uint32_t features = 0;
  std::uint8_t value_bits = 8;  // 8 or 16, for minima[wide..]
  std::uint8_t wide = 0;        // leading values of 16 bits

  bool judgeable() const { return !minima.empty(); }

  // A compact, portable form (version, value bits, wide count, feature count as a varint, the
  // values little-endian): 2 * wide + (hashes - wide) * value_bits / 8 + 4 to 6 bytes.
  // parse() returns nothing for bytes serialize() did not make.
  std::string serialize() const;
  static std::optional<Signature> parse(std::string_view bytes);

  bool operator==(const Signature&) const = default;
};

// Estimates of how alike two articles are, from their signatures.
struct Resemblance {
  double jaccard = 0;      // |A ∩ B| / |A ∪ B|
  double containment = 0;  // |A ∩ B| / min(|A|, |B|)
};

// Makes signatures. Deterministic on every machine and run (fixed seeds, XXH3 over the folded
// words, integer arithmetic only). Thread-safe: sign() uses no state but the options.
class NearDuplicateSigner {
 public:
  explicit NearDuplicateSigner(NearDuplicateOptions options = {});

  // The signature of a body given as the analyzer's tokens of `text` (their byte ranges point
  // into it and show the paragraph breaks: a '\n' between two words), with the title's tokens
  // when the options include the title. The indexer passes the tokens it already has.
  Signature sign(std::string_view text, const std::vector<Token>& tokens,
                 const std::vector<Token>& title_tokens = {}) const;
  // Tokenizes and signs (for tests and tools).
  Signature sign(Analyzer& analyzer, std::string_view title, std::string_view body) const;

  // The distinct features (shingle and number hashes, sorted) a signature is taken from: their
  // exact Jaccard and containment are what the signature estimates (for measurements).
  std::vector<std::uint64_t> features(std::string_view text, const std::vector<Token>& tokens,
                                      const std::vector<Token>& title_tokens = {}) const;
  // The signature of a set of features as features() gives them.
  Signature sign_features(const std::vector<std::uint64_t>& features) const;

  // How alike the articles of `a` and `b` are; 0 when either is too short to judge.
  Resemblance resemblance(const Signature& a, const Signature& b) const;
  // The similarity the threshold applies to: the containment or the Jaccard estimate.
  double similarity(const Signature& a, const Signature& b) const;

  // The LSH band keys of a signature: key i holds the band number and MinHash value i, so two
  // articles share key i exactly when their i-th values agree (probability = their Jaccard
  // similarity). Any shared key makes a candidate pair, to be confirmed by similarity(). Empty
  // for an article too short to judge.
  std::vector<std::uint32_t> band_keys(const Signature& signature) const {
    return band_keys_of(signature);
  }
  // The same, from the signature alone (it says how many of its values are band keys).
  static std::vector<std::uint32_t> band_keys_of(const Signature& signature);
  // A band key as 3 bytes (band, value high, value low), for a boolean term after a prefix.
  static std::string band_key_bytes(std::uint32_t key);

  const NearDuplicateOptions& options() const { return options_; }

  // Similarity at or above which two articles are one story. Of 0.65, 0.70, ..., 0.90, the only
  // threshold at which all 30 seeds tried meet precision >= 0.95 and recall >= 0.90 on the
  // labelled pairs (means 0.973 / 0.949; at 0.75, 20 of 30 seeds do; at 0.85, 22 of 30).
  static constexpr double kThreshold = 0.80;

 private:
  void add_shingles(std::string_view text, const std::vector<Token>& tokens,
                    std::vector<std::uint64_t>& features) const;
  void add_numbers(const std::vector<Token>& tokens, std::vector<std::uint64_t>& features) const;

  NearDuplicateOptions options_;
  std::uint64_t seed_;  // mixed into every word hash (0 for the default seed)
  std::array<std::uint64_t, NearDuplicateOptions::kMaxHashes> multipliers_;
};

}  // namespace dateline
