#include "index/near_duplicates.h"

#include <algorithm>
#include <limits>

#include "util/hash.h"
#include "util/varint.h"

namespace dateline {

namespace {

// Fixed seeds, and words hashed by hash64() (XXH3): signatures are stored in databases, so they
// must never change between runs, builds or machines (std::hash may do all three).
constexpr std::uint64_t kNumberSalt = 0x6e756d6265727321;      // "numbers!"
constexpr std::uint64_t kMultiplierSeed = 0x73746f7269657321;  // "stories!"
constexpr std::uint8_t kFormatVersion = 1;

// The splitmix64 finalizer: a bijection of 64-bit words whose every output bit depends on every
// input bit.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9;
  x ^= x >> 27;
  x *= 0x94d049bb133111eb;
  return x ^ (x >> 31);
}

bool is_break(std::string_view text, const Token& before, const Token& after) {
  if (after.start <= before.end || after.start > text.size()) return false;
  return text.substr(before.end, after.start - before.end).find('\n') != std::string_view::npos;
}

// One feature per run of `width` words of a segment (a paragraph), in order; a segment shorter
// than that gives one shingle of its words when it has two or more (a table row such as
// "Payable March 31"), and nothing for a lone word (the sign-off "Reuter").
void shingle_segment(const std::vector<std::uint64_t>& words, std::size_t width,
                     std::vector<std::uint64_t>& features) {
  if (words.size() < 2) return;
  const std::size_t run = std::min(width, words.size());
  for (std::size_t i = 0; i + run <= words.size(); ++i) {
    std::uint64_t h = words[i];
    for (std::size_t j = 1; j < run; ++j) h = mix(h * 0x9e3779b97f4a7c15 + words[i + j]);
    features.push_back(h);
  }
}

}  // namespace

std::string Signature::serialize() const {
  std::string out;
  out.push_back(static_cast<char>(kFormatVersion));
  out.push_back(static_cast<char>(value_bits));
  out.push_back(static_cast<char>(wide));
  varint::put(out, features);
  for (std::size_t i = 0; i < minima.size(); ++i) {
    out.push_back(static_cast<char>(minima[i] & 0xff));
    if (i < wide || value_bits > 8) out.push_back(static_cast<char>(minima[i] >> 8));
  }
  return out;
}

std::optional<Signature> Signature::parse(std::string_view bytes) {
  if (bytes.size() < 4 || bytes[0] != static_cast<char>(kFormatVersion)) return std::nullopt;
  Signature out;
  out.value_bits = static_cast<std::uint8_t>(bytes[1]);
  out.wide = static_cast<std::uint8_t>(bytes[2]);
  if (out.value_bits != 8 && out.value_bits != 16) return std::nullopt;
  bytes.remove_prefix(3);
  if (!varint::get(bytes, out.features)) return std::nullopt;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  std::size_t at = 0;
  while (at < bytes.size()) {
    const bool two = out.minima.size() < out.wide || out.value_bits > 8;
    if (two && at + 1 >= bytes.size()) return std::nullopt;
    out.minima.push_back(static_cast<std::uint16_t>(two ? byte(at) | byte(at + 1) << 8 : byte(at)));
    at += two ? 2 : 1;
  }
  if (!out.minima.empty() && out.minima.size() < out.wide) return std::nullopt;
  return out;
}

NearDuplicateSigner::NearDuplicateSigner(NearDuplicateOptions options)
    : options_(options), seed_(options.seed ? mix(options.seed) : 0) {
  options_.hashes = std::clamp<std::size_t>(options_.hashes, 1, NearDuplicateOptions::kMaxHashes);
  options_.bands = std::min(options_.bands, options_.hashes);
  options_.value_bits = options_.value_bits <= 8 ? 8 : 16;
  options_.shingle_words = std::max<std::size_t>(options_.shingle_words, 1);
  std::uint64_t state = kMultiplierSeed ^ mix(options_.seed);
  for (std::uint64_t& multiplier : multipliers_) {
    state += 0x9e3779b97f4a7c15;
    multiplier = mix(state) | 1;  // odd: multiply-shift hashing needs it
  }
}

void NearDuplicateSigner::add_shingles(std::string_view text, const std::vector<Token>& tokens,
                                       std::vector<std::uint64_t>& features) const {
  std::vector<std::uint64_t> segment;
  const Token* previous = nullptr;
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kNumber && !options_.keep_numbers) continue;
    if (previous && !options_.cross_paragraphs && is_break(text, *previous, token)) {
      shingle_segment(segment, options_.shingle_words, features);
      segment.clear();
    }
    segment.push_back(hash64(token.term) ^ seed_);
    previous = &token;
  }
  shingle_segment(segment, options_.shingle_words, features);
}

void NearDuplicateSigner::add_numbers(const std::vector<Token>& tokens,
                                      std::vector<std::uint64_t>& features) const {
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::kNumber || token.term.size() < options_.min_number_bytes) continue;
    const std::uint64_t h = hash64(token.term) ^ seed_;
    for (std::size_t copy = 0; copy < options_.number_weight; ++copy) {
      features.push_back(mix(h ^ (kNumberSalt + copy)));
    }
  }
}

std::vector<std::uint64_t> NearDuplicateSigner::features(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<Token>& title_tokens) const {
  std::vector<std::uint64_t> features;
  features.reserve(tokens.size() + title_tokens.size() + 8);
  add_shingles(text, tokens, features);
  if (options_.keep_numbers) add_numbers(tokens, features);
  if (options_.include_title) {
    add_shingles({}, title_tokens, features);
    if (options_.keep_numbers) add_numbers(title_tokens, features);
  }
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
  return features;
}

Signature NearDuplicateSigner::sign(std::string_view text, const std::vector<Token>& tokens,
                                    const std::vector<Token>& title_tokens) const {
  return sign_features(features(text, tokens, title_tokens));
}

Signature NearDuplicateSigner::sign_features(const std::vector<std::uint64_t>& features) const {
  Signature out;
  out.features = static_cast<std::uint32_t>(features.size());
  out.value_bits = static_cast<std::uint8_t>(options_.value_bits);
  out.wide = static_cast<std::uint8_t>(options_.bands);
  if (features.size() < std::max<std::size_t>(options_.min_features, 1)) return out;

  // k-mins MinHash with multiply-shift hashing of the (already well mixed) feature hashes:
  // one multiplication per feature and value. Each minimum is then mixed so that its low bits,
  // the ones kept, are uniform.
  const std::size_t k = options_.hashes;
  std::array<std::uint32_t, NearDuplicateOptions::kMaxHashes> mins;
  mins.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::uint64_t feature : features) {
    for (std::size_t i = 0; i < k; ++i) {
      const auto h = static_cast<std::uint32_t>((feature * multipliers_[i]) >> 32);
      mins[i] = std::min(mins[i], h);
    }
  }
  out.minima.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    const int bits = i < out.wide ? 16 : out.value_bits;
    out.minima[i] =
        static_cast<std::uint16_t>(mix(mins[i] | (std::uint64_t{i} << 32)) >> (64 - bits));
  }
  return out;
}

Signature NearDuplicateSigner::sign(Analyzer& analyzer, std::string_view title,
                                    std::string_view body) const {
  const std::vector<Token> tokens = analyzer.tokenize(body);
  if (!options_.include_title) return sign(body, tokens);
  return sign(body, tokens, analyzer.tokenize(title));
}

Resemblance NearDuplicateSigner::resemblance(const Signature& a, const Signature& b) const {
  if (!a.judgeable() || !b.judgeable() || a.minima.size() != b.minima.size() ||
      a.value_bits != b.value_bits || a.wide != b.wide) {
    return {};
  }
  const std::size_t k = a.minima.size();
  std::size_t agree = 0;
  for (std::size_t i = 0; i < k; ++i) agree += a.minima[i] == b.minima[i];
  // b-bit values also agree by chance, with probability 2^-bits (Li and König 2010):
  // E[agree] = k J + (1 - J) * sum of the chances.
  const double wide = std::min<double>(a.wide, static_cast<double>(k));
  const double chance = (wide / 65536.0 + (static_cast<double>(k) - wide) / (1u << a.value_bits)) /
                        static_cast<double>(k);
  const double observed = static_cast<double>(agree) / static_cast<double>(k);
  Resemblance out;
  out.jaccard = std::max(0.0, (observed - chance) / (1 - chance));
  // |A ∩ B| = J (|A| + |B|) / (1 + J).
  const double sizes = static_cast<double>(a.features) + static_cast<double>(b.features);
  const double shared = out.jaccard * sizes / (1 + out.jaccard);
  const double smaller = std::min(a.features, b.features);
  out.containment = std::min(1.0, shared / smaller);
  return out;
}

double NearDuplicateSigner::similarity(const Signature& a, const Signature& b) const {
  const Resemblance r = resemblance(a, b);
  if (r.jaccard < options_.min_jaccard) return 0;
  return options_.containment ? r.containment : r.jaccard;
}

std::vector<std::uint32_t> NearDuplicateSigner::band_keys_of(const Signature& signature) {
  std::vector<std::uint32_t> keys;
  if (!signature.judgeable()) return keys;
  const std::size_t bands = std::min<std::size_t>(signature.wide, signature.minima.size());
  keys.reserve(bands);
  for (std::size_t i = 0; i < bands; ++i) {
    keys.push_back(static_cast<std::uint32_t>(i << 16) | signature.minima[i]);
  }
  return keys;
}

std::string NearDuplicateSigner::band_key_bytes(std::uint32_t key) {
  return {static_cast<char>(key >> 16), static_cast<char>((key >> 8) & 0xff),
          static_cast<char>(key & 0xff)};
}

}  // namespace dateline
