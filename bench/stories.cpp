// Measurements behind near-duplicate detection (common/index/near_duplicates.h), built only on
// request: cmake --build --preset release --target stories_bench.
//
//   stories_bench curve PAIRS.jsonl [signature options]    precision/recall against threshold
//   stories_bench sweep PAIRS.jsonl                        alternatives side by side
//   stories_bench seeds PAIRS.jsonl [--count 20]           the figures under other hash seeds
//   stories_bench cost ARTICLES.jsonl                      microseconds to tokenize and to sign
//   stories_bench stories ARTICLES.jsonl [--sample 10]     stories of a corpus, some printed
//   stories_bench index-bytes ARTICLES.jsonl               bytes per article in a Xapian index
//
// PAIRS.jsonl is tests/data/stories/pairs.jsonl (or an extended set from make_pairs.py).
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "index/near_duplicates.h"
#include "index/story_table.h"
#include "util/date.h"

using namespace dateline;

namespace {

struct Doc {
  std::string id, title, body, date, lang;
};

Doc doc_of(const nlohmann::json& j) {
  auto field = [&](const char* name) { return j.value(name, std::string()); };
  return {field("id"), field("title"), field("body"), field("date"), field("lang")};
}

std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- the labelled pairs ----

struct Pair {
  Doc a, b;
  bool duplicate = false;
  std::string kind, corpus;
};

std::vector<Pair> read_pairs(const std::string& path) {
  std::vector<Pair> out;
  for (const auto& j : read_jsonl(path)) {
    out.push_back({doc_of(j["a"]), doc_of(j["b"]), j["duplicate"].get<bool>(),
                   j["kind"].get<std::string>(), j.value("corpus", std::string())});
  }
  return out;
}

// One pair as a configuration sees it.
struct Scored {
  double estimate = 0;     // similarity from the signatures
  double exact = 0;        // the same measure on the exact feature sets
  double simhash = 0;      // 1 - Hamming distance / 64 of 64-bit SimHashes of the same features
  double jaccard = 0;      // the Jaccard estimate
  bool candidate = false;  // the two share a band key
  bool judgeable = false;
};

std::vector<std::uint64_t> features_of(const NearDuplicateSigner& signer, Analyzer& analyzer,
                                       const Doc& doc) {
  const auto tokens = analyzer.tokenize(doc.body);
  if (!signer.options().include_title) return signer.features(doc.body, tokens);
  return signer.features(doc.body, tokens, analyzer.tokenize(doc.title));
}

double exact_measure(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                     bool containment) {
  std::vector<std::uint64_t> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  const double inter = static_cast<double>(shared.size());
  if (containment)
    return inter / static_cast<double>(std::max<std::size_t>(1, std::min(a.size(), b.size())));
  return inter / static_cast<double>(std::max<std::size_t>(1, a.size() + b.size() - shared.size()));
}

// Charikar's SimHash: each feature votes on each of 64 bits.
std::uint64_t simhash(const std::vector<std::uint64_t>& features) {
  int votes[64] = {};
  for (std::uint64_t f : features) {
    const std::uint64_t h = f * 0x9e3779b97f4a7c15 ^ (f >> 29);
    for (int bit = 0; bit < 64; ++bit) votes[bit] += (h >> bit) & 1 ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) out |= std::uint64_t{votes[bit] > 0} << bit;
  return out;
}

bool share_band(const NearDuplicateSigner& signer, const Signature& a, const Signature& b) {
  const auto ka = signer.band_keys(a), kb = signer.band_keys(b);
  for (std::size_t i = 0; i < std::min(ka.size(), kb.size()); ++i) {
    if (ka[i] == kb[i]) return true;
  }
  return false;
}

std::vector<Scored> score(const std::vector<Pair>& pairs, const NearDuplicateOptions& options) {
  Analyzer analyzer;
  const NearDuplicateSigner signer(options);
  std::vector<Scored> out;
  for (const Pair& pair : pairs) {
    const auto fa = features_of(signer, analyzer, pair.a),
               fb = features_of(signer, analyzer, pair.b);
    const Signature sa = signer.sign_features(fa), sb = signer.sign_features(fb);
    Scored s;
    s.judgeable = sa.judgeable() && sb.judgeable();
    if (s.judgeable) {
      s.estimate = signer.similarity(sa, sb);
      s.jaccard = signer.resemblance(sa, sb).jaccard;
      s.exact = exact_measure(fa, fb, options.containment);
      s.simhash = 1 - std::popcount(simhash(fa) ^ simhash(fb)) / 64.0;
      s.candidate = share_band(signer, sa, sb);
    }
    out.push_back(s);
  }
  return out;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r ? 2 * p * r / (p + r) : 0;
  }
};

template <typename Value>
Counts count_at(const std::vector<Pair>& pairs, const std::vector<Scored>& scored, double t,
                Value value) {
  Counts c;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const bool said = scored[i].judgeable && value(scored[i]) >= t;
    if (pairs[i].duplicate) {
      said ? ++c.tp : ++c.fn;
    } else {
      said ? ++c.fp : ++c.tn;
    }
  }
  return c;
}

// ---- curve ----

void print_curve(const std::vector<Pair>& pairs, const std::vector<Scored>& scored) {
  std::printf(
      "| threshold | precision | recall | F1 | FP | FN | exact-set precision | exact-set recall | "
      "SimHash precision | SimHash recall |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int step = 30; step <= 95; step += 5) {
    const double t = step / 100.0;
    const Counts c = count_at(pairs, scored, t, [](const Scored& s) { return s.estimate; });
    const Counts e = count_at(pairs, scored, t, [](const Scored& s) { return s.exact; });
    const Counts h = count_at(pairs, scored, t, [](const Scored& s) { return s.simhash; });
    std::printf("| %.2f | %.3f | %.3f | %.3f | %d | %d | %.3f | %.3f | %.3f | %.3f |\n", t,
                c.precision(), c.recall(), c.f1(), c.fp, c.fn, e.precision(), e.recall(),
                h.precision(), h.recall());
  }
}

void print_by_kind(const std::vector<Pair>& pairs, const std::vector<Scored>& scored, double t) {
  std::map<std::string, std::pair<int, int>> kinds;  // kind -> (said duplicate, pairs)
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    std::string kind = pairs[i].kind.find('+') == std::string::npos ? pairs[i].kind : "combined";
    kind = pairs[i].corpus + " " + kind;
    auto& [said, all] = kinds[kind];
    said += scored[i].judgeable && scored[i].estimate >= t;
    ++all;
  }
  std::printf("\nAt threshold %.2f, pairs said to be one story, by corpus and kind:\n\n", t);
  for (const auto& [kind, counts] : kinds) {
    std::printf("  %-40s %3d / %3d\n", kind.c_str(), counts.first, counts.second);
  }
}

void print_misses(const std::vector<Pair>& pairs, const std::vector<Scored>& scored, double t) {
  std::printf("\nErrors at %.2f:\n", t);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const bool said = scored[i].judgeable && scored[i].estimate >= t;
    if (said == pairs[i].duplicate) continue;
    std::printf("  %s %s: %s | %s  est %.2f exact %.2f%s\n", pairs[i].duplicate ? "FN" : "FP",
                pairs[i].kind.c_str(), pairs[i].a.id.c_str(), pairs[i].b.id.c_str(),
                scored[i].estimate, scored[i].exact, scored[i].judgeable ? "" : " (too short)");
  }
}

void print_candidates(const std::vector<Pair>& pairs, const std::vector<Scored>& scored, double t) {
  int accepted = 0, found = 0, negatives = 0, negative_candidates = 0;
  double error = 0, lowest_jaccard = 1;
  int judged = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Scored& s = scored[i];
    if (!s.judgeable) continue;
    error += std::abs(s.estimate - s.exact);
    ++judged;
    if (s.estimate >= t) {
      ++accepted;
      found += s.candidate;
      lowest_jaccard = std::min(lowest_jaccard, s.jaccard);
    }
    if (!pairs[i].duplicate) {
      ++negatives;
      negative_candidates += s.candidate;
    }
  }
  std::printf(
      "\nCandidate recall: %d of %d pairs the threshold accepts share a band key; "
      "%d of %d non-duplicates are candidates (then rejected by similarity).\n",
      found, accepted, negative_candidates, negatives);
  std::printf("Lowest Jaccard estimate of an accepted pair: %.3f\n", lowest_jaccard);
  std::printf("Mean |estimate - exact| over judged pairs: %.3f\n", judged ? error / judged : 0.0);
}

// ---- sweep ----

struct Variant {
  std::string name;
  NearDuplicateOptions options;
};

std::vector<Variant> variants() {
  const NearDuplicateOptions base;
  std::vector<Variant> out = {{"default", base}};
  auto add = [&](std::string name, auto change) {
    NearDuplicateOptions o = base;
    change(o);
    out.push_back({std::move(name), o});
  };
  add("Jaccard instead of containment", [](auto& o) { o.containment = false; });
  add("shingle 2", [](auto& o) { o.shingle_words = 2; });
  add("shingle 3", [](auto& o) { o.shingle_words = 3; });
  add("shingle 5", [](auto& o) { o.shingle_words = 5; });
  add("title included", [](auto& o) { o.include_title = true; });
  add("numbers dropped", [](auto& o) { o.keep_numbers = false; });
  add("numbers only in shingles", [](auto& o) { o.number_weight = 0; });
  add("numbers weight 3", [](auto& o) { o.number_weight = 3; });
  add("numbers weight 6", [](auto& o) { o.number_weight = 6; });
  add("numbers of 1+ characters", [](auto& o) { o.min_number_bytes = 1; });
  add("numbers of 3+ characters", [](auto& o) { o.min_number_bytes = 3; });
  add("shingles cross paragraphs", [](auto& o) { o.cross_paragraphs = true; });
  add("32 hashes", [](auto& o) { o.hashes = 32; });
  add("128 hashes", [](auto& o) { o.hashes = 128; });
  add("16-bit values", [](auto& o) { o.value_bits = 16; });
  add("128 hashes, 16-bit values", [](auto& o) { o.hashes = 128, o.value_bits = 16; });
  add("no Jaccard floor", [](auto& o) { o.min_jaccard = 0; });
  add("Jaccard floor 0.05", [](auto& o) { o.min_jaccard = 0.05; });
  add("Jaccard floor 0.2", [](auto& o) { o.min_jaccard = 0.2; });
  add("min features 20", [](auto& o) { o.min_features = 20; });
  add("min features 25", [](auto& o) { o.min_features = 25; });
  add("min features 45", [](auto& o) { o.min_features = 45; });
  add("min features 60", [](auto& o) { o.min_features = 60; });
  return out;
}

// The threshold with the highest recall at precision >= 0.95 (on a 0.01 grid), and its counts.
template <typename Value>
std::pair<double, Counts> best_at_precision(const std::vector<Pair>& pairs,
                                            const std::vector<Scored>& scored, Value value) {
  std::pair<double, Counts> best{1.0, {}};
  best.second.fn = 1 << 30;  // nothing found yet
  for (int step = 100; step >= 10; --step) {
    const Counts c = count_at(pairs, scored, step / 100.0, value);
    if (c.tp && c.precision() >= 0.95 && c.recall() >= best.second.recall()) {
      best = {step / 100.0, c};
    }
  }
  return best;
}

// One row per variant. Precision and recall at `t` are means over `seeds` hash seeds (with the
// lowest of each, and how many seeds pass both targets): one seed's figures move by +-0.02.
// The other columns are for seed 0.
void sweep(const std::vector<Pair>& pairs, double t, int seeds) {
  std::printf(
      "| variant | P at %.2f | lowest P | R at %.2f | lowest R | seeds passing | "
      "exact-set R (P>=0.95) | SimHash R (P>=0.95) | candidate recall |\n",
      t, t);
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  auto est = [](const Scored& s) { return s.estimate; };
  for (Variant& v : variants()) {
    double p_sum = 0, r_sum = 0, p_min = 1, r_min = 1;
    int passing = 0, accepted = 0, found = 0;
    std::vector<Scored> first;
    for (int seed = 0; seed < seeds; ++seed) {
      v.options.seed = static_cast<std::uint64_t>(seed);
      const auto scored = score(pairs, v.options);
      const Counts c = count_at(pairs, scored, t, est);
      p_sum += c.precision(), r_sum += c.recall();
      p_min = std::min(p_min, c.precision()), r_min = std::min(r_min, c.recall());
      passing += c.precision() >= 0.95 && c.recall() >= 0.90;
      for (const Scored& s : scored) {
        if (s.judgeable && s.estimate >= t) ++accepted, found += s.candidate;
      }
      if (seed == 0) first = scored;
    }
    const auto exact = best_at_precision(pairs, first, [](const Scored& s) { return s.exact; });
    const auto sim = best_at_precision(pairs, first, [](const Scored& s) { return s.simhash; });
    std::printf("| %s | %.3f | %.3f | %.3f | %.3f | %d/%d | %.3f | %.3f | %d/%d |\n",
                v.name.c_str(), p_sum / seeds, p_min, r_sum / seeds, r_min, passing, seeds,
                exact.second.recall(), sim.second.recall(), found, accepted);
  }
}

// ---- seeds ----

// Precision and recall at a few thresholds under `count` seeds: how much of a figure is the
// particular hash functions.
void seeds(const std::vector<Pair>& pairs, NearDuplicateOptions options, int count) {
  const std::vector<double> thresholds = {0.65, 0.70, 0.75, 0.80, 0.85, 0.90};
  std::vector<std::vector<Counts>> runs(thresholds.size());
  for (int seed = 0; seed < count; ++seed) {
    options.seed = static_cast<std::uint64_t>(seed);
    const auto scored = score(pairs, options);
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      runs[t].push_back(
          count_at(pairs, scored, thresholds[t], [](const Scored& s) { return s.estimate; }));
    }
  }
  std::printf(
      "| threshold | precision mean | min | max | recall mean | min | max | "
      "seeds with P >= 0.95 and R >= 0.90 |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    double p_sum = 0, r_sum = 0, p_min = 1, r_min = 1, p_max = 0, r_max = 0;
    int good = 0;
    for (const Counts& c : runs[t]) {
      p_sum += c.precision(), r_sum += c.recall();
      p_min = std::min(p_min, c.precision()), p_max = std::max(p_max, c.precision());
      r_min = std::min(r_min, c.recall()), r_max = std::max(r_max, c.recall());
      good += c.precision() >= 0.95 && c.recall() >= 0.90;
    }
    std::printf("| %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d/%d |\n", thresholds[t],
                p_sum / count, p_min, p_max, r_sum / count, r_min, r_max, good, count);
  }
}

// ---- cost ----

void cost(const std::vector<Doc>& docs, const NearDuplicateOptions& options, int rounds) {
  Analyzer analyzer;
  const NearDuplicateSigner signer(options);
  std::vector<std::vector<Token>> tokens;
  auto start = Clock::now();
  for (const Doc& d : docs) tokens.push_back(analyzer.tokenize(d.body));
  const double tokenize_s = seconds_since(start);
  std::size_t judgeable = 0, bytes = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Signature s = signer.sign(docs[i].body, tokens[i]);
    judgeable += s.judgeable();
    bytes += s.judgeable() ? s.serialize().size() : 0;
  }
  // The fastest round: the machine is shared, and slower rounds measure the other work on it.
  double sign_s = 1e9;
  for (int round = 0; round < rounds; ++round) {
    start = Clock::now();
    for (std::size_t i = 0; i < docs.size(); ++i)
      judgeable += signer.sign(docs[i].body, tokens[i]).features & 0;
    sign_s = std::min(sign_s, seconds_since(start));
  }
  const double n = static_cast<double>(docs.size());
  std::printf(
      "%zu articles: tokenize %.1f us/article (the indexer does this anyway), sign %.2f "
      "us/article from the tokens (fastest of %d rounds)\n",
      docs.size(), tokenize_s / n * 1e6, sign_s / n * 1e6, rounds);
  std::printf(
      "judgeable %zu (%.1f%%), too short %zu; signature %.1f bytes serialized, %zu band "
      "keys of 3 bytes\n",
      judgeable, 100.0 * judgeable / n, docs.size() - judgeable,
      judgeable ? double(bytes) / judgeable : 0.0, options.bands);
}

// ---- stories ----

int day_number(const std::string& text) {
  const auto date = parse_date(text);
  if (!date || !date->day) return 0;
  // Days from civil (H. Hinnant's algorithm).
  const int y = date->year - (date->month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date->month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date->day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string first_line(const std::string& body, std::size_t max) {
  std::string line = body.substr(0, body.find('\n'));
  if (line.size() > max) {
    line.resize(max);
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xc0) == 0x80)
      line.pop_back();
    if (!line.empty()) line.pop_back();
    line += "...";
  }
  return line;
}

void stories(const std::vector<Doc>& docs, const NearDuplicateOptions& options, int window,
             int sample, std::uint64_t seed, const std::string& dump, bool hard) {
  Analyzer analyzer;
  const NearDuplicateSigner signer(options);
  StoryTable table(signer, {.window_days = window});
  std::vector<StoryTable::Key> story(docs.size());
  std::vector<Signature> signatures(docs.size());
  int newest = 0;
  std::size_t peak_memory = 0, peak_articles = 1, judgeable = 0;
  double table_s = 0;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const int day = day_number(docs[i].date);
    signatures[i] = signer.sign(analyzer, docs[i].title, docs[i].body);
    judgeable += signatures[i].judgeable();
    const auto table_start = Clock::now();
    story[i] = table.add(i, day, signatures[i]);
    if (day > newest) {  // articles come nearly in date order: keep twice the window
      newest = day;
      table.forget_before(newest - 2 * window);
    }
    table_s += seconds_since(table_start);
    if (i % 1000 == 0 && table.memory_bytes() > peak_memory) {
      peak_memory = table.memory_bytes();
      peak_articles = table.size();
    }
  }
  const double elapsed = seconds_since(start);
  std::map<StoryTable::Key, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < docs.size(); ++i) members[story[i]].push_back(i);
  std::vector<StoryTable::Key> multi;
  std::map<std::size_t, int> sizes;
  std::size_t in_multi = 0;
  for (const auto& [id, list] : members) {
    if (list.size() > 1) multi.push_back(id), in_multi += list.size();
    ++sizes[list.size()];
  }
  std::printf(
      "%zu articles (%zu judgeable), window %d days: %zu stories, %zu of more than one "
      "copy holding %zu articles; %.1f s with tokenizing and signing, %.2f us/article in the "
      "table; table peak %.1f MB (%zu bytes per article in it)\n",
      docs.size(), judgeable, window, members.size(), multi.size(), in_multi, elapsed,
      table_s / static_cast<double>(docs.size()) * 1e6, peak_memory / 1e6,
      peak_memory / peak_articles);
  if (!dump.empty()) {
    std::ofstream out(dump);
    for (std::size_t i = 0; i < docs.size(); ++i)
      out << docs[i].id << '\t' << docs[story[i]].id << '\n';
  }
  if (hard) {  // only stories with a member less than 0.9 alike to the first: the doubtful ones
    std::erase_if(multi, [&](StoryTable::Key id) {
      const auto& list = members[id];
      return std::all_of(list.begin(), list.end(), [&](std::size_t i) {
        return signer.similarity(signatures[list[0]], signatures[i]) >= 0.9;
      });
    });
    std::printf("%zu stories have a member less than 0.9 alike to the first\n", multi.size());
  }
  std::printf("story sizes:");
  for (const auto& [size, n] : sizes) std::printf(" %zux%d", size, n);
  std::printf("\n");
  // A fixed-seed sample without repeats (Fisher-Yates with splitmix steps, the same on every
  // standard library).
  std::uint64_t state = seed;
  for (std::size_t s = 0; s < std::min<std::size_t>(sample, multi.size()); ++s) {
    state += 0x9e3779b97f4a7c15;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    std::swap(multi[s], multi[s + (z ^ (z >> 31)) % (multi.size() - s)]);
    const std::size_t pick = s;
    const auto& list = members[multi[pick]];
    std::printf("\n== story %zu: %zu articles\n", s + 1, list.size());
    for (std::size_t i : list) {
      const double sim = signer.similarity(signatures[list[0]], signatures[i]);
      std::printf("  [%s] %s  %s  (sim to first %.2f, %u features)\n      %s\n", docs[i].id.c_str(),
                  docs[i].date.c_str(), docs[i].title.c_str(), sim, signatures[i].features,
                  first_line(docs[i].body, 150).c_str());
    }
  }
}

// ---- index bytes ----

std::uintmax_t folder_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

// Bytes of a compacted database of one document per signature with an id term plus `what`.
std::uintmax_t database_bytes(const std::vector<Signature>& signatures,
                              const NearDuplicateSigner& signer, int term_bits, bool value,
                              const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  {
    Xapian::WritableDatabase db(dir.string() + ".tmp", Xapian::DB_CREATE_OR_OVERWRITE);
    for (std::size_t i = 0; i < signatures.size(); ++i) {
      Xapian::Document doc;
      doc.add_boolean_term("Q" + std::to_string(i));
      for (std::uint32_t key :
           term_bits ? signer.band_keys(signatures[i]) : std::vector<std::uint32_t>{}) {
        // Coarser keys: fewer, longer posting lists (cheaper per article, slower to look up).
        const std::uint32_t band = key >> 16, coarse = (key & 0xffff) >> (16 - term_bits);
        doc.add_boolean_term("XN" + NearDuplicateSigner::band_key_bytes(band << 16 | coarse));
      }
      if (value && signatures[i].judgeable()) doc.add_value(20, signatures[i].serialize());
      db.add_document(doc);
    }
    db.commit();
    db.compact(dir.string());
  }
  std::filesystem::remove_all(dir.string() + ".tmp");
  const auto bytes = folder_bytes(dir);
  std::filesystem::remove_all(dir);
  return bytes;
}

void index_bytes(const std::vector<Doc>& docs, const NearDuplicateOptions& options, int copies) {
  Analyzer analyzer;
  const NearDuplicateSigner signer(options);
  std::vector<Signature> signatures;
  for (int copy = 0; copy < copies; ++copy) {
    for (const Doc& d : docs) {
      // Copies get other bodies' words in another order so that they are new articles.
      signatures.push_back(
          signer.sign(analyzer, d.title,
                      copy ? d.body + " " + std::to_string(copy) + " copy marker words" : d.body));
    }
  }
  const auto dir = std::filesystem::temp_directory_path() / "stories-bench-db";
  const double base = static_cast<double>(database_bytes(signatures, signer, 0, false, dir));
  const double n = static_cast<double>(signatures.size());
  for (auto [bits, value, name] :
       {std::tuple{16, false, "band terms (16-bit keys)"},
        std::tuple{12, false, "band terms (12-bit keys)"},
        std::tuple{8, false, "band terms (8-bit keys)"}, std::tuple{0, true, "signature value"},
        std::tuple{16, true, "16-bit band terms and value"}}) {
    const double bytes = static_cast<double>(database_bytes(signatures, signer, bits, value, dir));
    std::printf("%zu articles, compacted: %s add %.1f bytes per article\n", signatures.size(), name,
                (bytes - base) / n);
  }
}

std::vector<Doc> read_docs(const std::string& path) {
  std::vector<Doc> out;
  for (const auto& j : read_jsonl(path)) out.push_back(doc_of(j));
  return out;
}

void add_signature_options(CLI::App& app, NearDuplicateOptions& o) {
  app.add_option("--shingle", o.shingle_words, "Words per shingle");
  app.add_option("--hashes", o.hashes, "MinHash values");
  app.add_option("--bits", o.value_bits, "Bits kept per value (8 or 16)");
  app.add_option("--bands", o.bands, "Band keys");
  app.add_option("--min-jaccard", o.min_jaccard, "Estimated Jaccard below which similarity is 0");
  app.add_option("--min-features", o.min_features, "Fewer features: too short to judge");
  app.add_option("--number-weight", o.number_weight, "Extra features per number");
  app.add_option("--min-number-bytes", o.min_number_bytes, "Shorter numbers: only in shingles");
  app.add_flag("--title,!--no-title", o.include_title, "Include the headline");
  app.add_flag("--numbers,!--no-numbers", o.keep_numbers, "Keep numbers");
  app.add_flag("--cross,!--no-cross", o.cross_paragraphs, "Shingles across paragraph breaks");
  app.add_flag("--containment,!--jaccard", o.containment, "Similarity measure");
  app.add_option("--hash-seed", o.seed, "Hash seed (0: the one stored signatures use)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Near-duplicate detection measurements"};
  app.require_subcommand(1);
  NearDuplicateOptions options;
  std::string path;
  double threshold = NearDuplicateSigner::kThreshold;
  int window = 3, sample = 10, rounds = 5, copies = 1;
  std::uint64_t seed = 1987;
  bool misses = false;
  std::map<std::string, CLI::App*> commands;
  for (const char* name : {"curve", "sweep", "seeds", "cost", "stories", "index-bytes"}) {
    CLI::App* command = app.add_subcommand(name);
    command->add_option("PATH", path)->required();
    add_signature_options(*command, options);
    command->add_option("--threshold", threshold);
    commands[name] = command;
  }
  commands["curve"]->add_flag("--errors", misses, "List the misclassified pairs");
  commands["stories"]->add_option("--window", window);
  commands["stories"]->add_option("--sample", sample);
  commands["stories"]->add_option("--seed", seed);
  std::string dump;
  commands["stories"]->add_option("--dump", dump, "Write article id TAB story's first id");
  bool hard = false;
  commands["stories"]->add_flag("--hard", hard, "Sample only stories with a member < 0.9 alike");
  commands["cost"]->add_option("--rounds", rounds);
  int seed_count = 20;
  commands["seeds"]->add_option("--count", seed_count, "Seeds to try");
  commands["sweep"]->add_option("--seeds", seed_count, "Seeds to average over");
  commands["index-bytes"]->add_option("--copies", copies);
  CLI11_PARSE(app, argc, argv);

  if (commands["curve"]->parsed()) {
    const auto pairs = read_pairs(path);
    const auto scored = score(pairs, options);
    print_curve(pairs, scored);
    print_by_kind(pairs, scored, threshold);
    print_candidates(pairs, scored, threshold);
    if (misses) print_misses(pairs, scored, threshold);
  } else if (commands["sweep"]->parsed()) {
    sweep(read_pairs(path), threshold, seed_count);
  } else if (commands["seeds"]->parsed()) {
    seeds(read_pairs(path), options, seed_count);
  } else if (commands["cost"]->parsed()) {
    cost(read_docs(path), options, rounds);
  } else if (commands["stories"]->parsed()) {
    stories(read_docs(path), options, window, sample, seed, dump, hard);
  } else {
    index_bytes(read_docs(path), options, copies);
  }
  return 0;
}
