// The judgeable articles of a run's earlier batches, which the shards hold already, kept in
// memory in a compact form so that a new article finds its candidate copies among them without
// reading the shards (StoryAssigner).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/near_duplicates.h"

namespace dateline {

// Articles in input order, their band keys indexed by a table rebuilt in one pass by
// rebuild() (every key's articles contiguous, in input order), the ids and signatures in two
// arenas: about 190 bytes and the id an article, where a pending entry of StoryAssigner takes
// about 700. Not thread-safe.
class CommittedStories {
 public:
  struct Article {
    std::string_view id;
    int day = 0;
    std::uint64_t story = 0;
  };

  // Adds an article (judgeable: it has band keys); it is found by key once rebuild() ran.
  void add(std::string_view id, int day, std::uint64_t story, const Signature& signature);
  // Forgets the removed articles and those for which `drop(day)` says so, and indexes the
  // others' band keys.
  void rebuild(const std::function<bool(int day)>& drop);
  // The article `id` was deleted or written again: it is no longer a candidate. Returns its
  // day and story, if it was here.
  struct Removed {
    int day = 0;
    std::uint64_t story = 0;
  };
  std::optional<Removed> remove(std::string_view id);
  bool contains(std::string_view id) const { return find(id) != kNone; }

  // Calls `visit(index)` for the live articles indexed under band key `key`, the newest first,
  // until `visit` has returned true `limit` times (it returns whether it took the article) or
  // `max_visits` articles were visited.
  template <typename Visit>
  void for_each_with_key(std::uint32_t key, std::size_t limit, Visit visit,
                         std::size_t max_visits = SIZE_MAX) const {
    if (std::size_t{key} + 1 >= key_starts_.size()) return;
    std::size_t taken = 0, visited = 0;
    for (std::uint32_t at = key_starts_[key + 1];
         at > key_starts_[key] && taken < limit && visited < max_visits;) {
      const std::uint32_t index = keyed_[--at];
      if (!live_[index]) continue;
      ++visited;
      if (visit(index)) ++taken;
    }
  }

  Article article(std::uint32_t index) const;
  std::optional<Signature> signature(std::uint32_t index) const;
  // The live articles' days, one entry an article.
  std::vector<int> days() const;
  // Calls `visit(article)` for each live article, in input order.
  template <typename Visit>
  void for_each_article(Visit visit) const {
    for (std::uint32_t i = 0; i < days_.size(); ++i) {
      if (live_[i]) visit(article(i));
    }
  }

  std::size_t size() const { return live_count_; }
  std::size_t bytes() const;

 private:
  static constexpr std::uint32_t kNone = 0xffffffff;
  std::uint32_t find(std::string_view id) const;  // the live article `id`, or kNone
  std::string_view id_of(std::uint32_t index) const;
  void index();  // every article live: indexes their band keys and ids

  std::string ids_;                      // the ids, one after another
  std::vector<std::uint32_t> id_ends_;   // where each article's id ends in ids_
  std::string signatures_;               // Signature::serialize() of each article
  std::vector<std::uint32_t> sig_ends_;  // where each article's signature ends
  std::vector<int> days_;
  std::vector<std::uint64_t> stories_;
  std::vector<bool> live_;
  std::size_t live_count_ = 0;
  // (hash64 of the id, index), sorted by rebuild(); articles added since are found by a scan.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_id_;
  std::uint32_t indexed_ = 0;              // articles before this one are in by_id_ and keyed_
  std::vector<std::uint32_t> key_starts_;  // key -> first position in keyed_ (one more key)
  std::vector<std::uint32_t> keyed_;       // article indexes grouped by key
};

}  // namespace dateline
