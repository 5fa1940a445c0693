// An in-memory LSH table of recent articles' signatures that gives each new article its story.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "index/near_duplicates.h"

namespace dateline {

struct StoryOptions {
  double threshold = NearDuplicateSigner::kThreshold;  // similarity that makes one story
  int window_days = 3;  // no story spans articles more than this many days apart
};

// Candidate lookup by band keys (a hash table: cost grows with the articles that share a key,
// not with the table), confirmed by the signatures' similarity. An article joins the story of
// its most similar article in the table, if that similarity reaches the threshold and the
// story would still span no more than the window; otherwise it starts a story of its own,
// whose id is the article's key. An article too short to judge always stands alone.
//
// Days are days since 1970-01-01 (the caller gives an undated article the day it indexes it).
// Keys are the caller's article handles, unique across shards. The story an article gets
// depends on the order of add() calls: add in input order for the same stories on every run.
// Not thread-safe: guard it with one mutex (an add() takes microseconds; signing, the costly
// part, needs no lock).
class StoryTable {
 public:
  using Key = std::uint64_t;

  explicit StoryTable(const NearDuplicateSigner& signer, StoryOptions options = {});

  // Adds article `key` and returns its story. Adding a key that is already in the table
  // replaces it (an updated article may change story).
  Key add(Key key, int day, const Signature& signature);
  // Puts back an article whose story is already known (read from a database when reopening
  // it, so that new copies join stories of earlier runs).
  void restore(Key key, int day, const Signature& signature, Key story);
  // Removes an article (deleted, or about to be replaced). Its story keeps its id, and the
  // span it had, while other articles remain in it.
  void erase(Key key);
  // Forgets the articles dated before `day` so that memory stays bounded: with articles coming
  // in date order, forget_before(newest - window_days) loses nothing.
  void forget_before(int day);

  struct Match {
    Key article = 0;
    Key story = 0;
    double similarity = 0;
  };
  // The article that `add` would join for a signature dated `day`, if any.
  std::optional<Match> best_match(int day, const Signature& signature) const;

  std::optional<Key> story_of(Key key) const;
  std::size_t size() const { return articles_.size(); }
  // An estimate of the memory held, in bytes.
  std::size_t memory_bytes() const;

 private:
  struct Entry {
    int day = 0;
    Key story = 0;
    Signature signature;
  };
  struct Span {
    int first = 0;
    int last = 0;
    std::size_t articles = 0;
  };

  void insert(Key key, int day, const Signature& signature, Key story);
  std::vector<Key> candidates(const Signature& signature) const;
  bool fits_window(const Span& span, int day) const;

  const NearDuplicateSigner& signer_;
  StoryOptions options_;
  std::unordered_map<Key, Entry> articles_;
  std::unordered_map<std::uint32_t, std::vector<Key>> buckets_;  // band key -> articles
  std::unordered_map<Key, Span> stories_;
};

}  // namespace dateline
