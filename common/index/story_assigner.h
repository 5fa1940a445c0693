// Gives each article written its story, from the articles already in the database (every shard)
// and those written since, in input order: the same stories whatever the shards and threads.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index/committed_stories.h"
#include "index/near_duplicates.h"
#include "index/story_table.h"

namespace dateline {

// What a document gets for its story (schema.h: kStorySlot, kSignatureSlot, kDaySlot,
// kDayStorySlot, the story term and the band terms).
struct StoryFields {
  std::string story;    // 16 hex digits
  std::string day;      // UTC day of the article's instant, "YYYY-MM-DD"; "" when undated
  Signature signature;  // not judgeable: no band terms, and the article stands alone
};

// The candidates of a new article are the articles that share one of its LSH band keys:
// those written since the last reopen(), in an in-memory table of their band keys; those of
// this run's earlier batches, kept in memory in a compact form across reopen() (within a
// memory budget: past it, the days least recently written to are forgotten); and those stored
// before this run, by one match over its band terms in a snapshot of all shards within the
// window's dates, until so many matches were run that loading all stored articles into the
// compact table costs less (if they fit). The shards are matched only for an article whose
// window reaches days that memory does not hold whole (the stored articles' days, until
// loaded, and forgotten ones): a run into a new database, or in date order, reads no shard to
// find copies. An article joins the story of its most similar candidate (ties: the smaller id)
// whose similarity reaches the threshold and whose story, with it, spans no more than the
// window; otherwise its story is new. Stories keep their id whatever happens to their first
// article: an article's story is stored with it, never derived from another article. Not
// thread-safe.
class StoryAssigner {
 public:
  // The memory for articles of earlier batches: about 270 bytes an article on Reuters-21578
  // (ids of 5 to 8 bytes), so about 500,000.
  static constexpr std::size_t kCommittedBudgetBytes = 128u << 20;
  static constexpr std::size_t kCommittedArticleBytes = 300;  // with room for long ids
  // The articles of a database stored before the run are looked up in its shards (about a
  // millisecond an article on a database of 100,000) until this many articles have been, and
  // then loaded into memory if they fit (2 µs an article, once: 90,000 in 0.19 s): a run that
  // adds a few articles does not pay for reading them all.
  static constexpr std::size_t kLookupsBeforeLoading = 1000;
  struct Limits {
    std::size_t committed_budget = kCommittedBudgetBytes;
    std::size_t lookups_before_loading = kLookupsBeforeLoading;
  };

  StoryAssigner(const NearDuplicateSigner& signer, StoryOptions options, Limits limits);
  StoryAssigner(const NearDuplicateSigner& signer, StoryOptions options)
      : StoryAssigner(signer, options, Limits{}) {}

  // What became of the articles written since the last reopen().
  enum class Written { kCommitted, kDropped };
  // Takes a new snapshot of the shards at `shard_paths`. The articles written since the last
  // one move to the compact table when the shards committed them; when they were dropped
  // (some may have been committed by then), their days are looked up in the shards from now
  // on. Throws Xapian::Error.
  void reopen(const std::vector<std::string>& shard_paths, Written written = Written::kCommitted);

  // Whether the article `id` with content hash `hash` is already stored unchanged. This and
  // assign() see the shards' latest commits as they come (a writer committing under the
  // snapshot moves it on): what an article gets does not depend on when the shards commit.
  bool unchanged(const std::string& id, const std::string& hash) const;
  // The story of article `id` dated `instant` (none: undated) with `signature`, remembered as
  // written so that later articles can join it. Writing an id again replaces it.
  StoryFields assign(const std::string& id, const std::string& hash,
                     std::optional<std::int64_t> instant, Signature signature);
  // The article `id` is deleted: no later article joins it (its story keeps its other copies).
  void remove(const std::string& id);

  // Articles written since the last reopen(): the memory held grows with them.
  std::size_t pending() const { return entries_.size(); }
  // Articles of earlier batches held in memory, and their bytes.
  std::size_t committed() const { return committed_.size(); }
  std::size_t committed_bytes() const { return committed_.bytes(); }
  // How many articles had their candidates looked up in the shards (the rest: in memory only).
  std::size_t shard_lookups() const { return shard_lookups_; }

  // The band term of band key `key` (kBandPrefix + 6 hex digits).
  static std::string band_term(std::uint32_t key);

 private:
  static constexpr int kUndated = -1000000;
  // An article written since the snapshot. Removed ones stay, not live, until the next reopen.
  struct Entry {
    std::string id;
    std::string story;
    std::string hash;
    Signature signature;
    int day = kUndated;
    bool live = true;
  };
  struct Span {
    int first = 0;
    int last = 0;
  };
  // A possible earlier copy: views of an article written since the snapshot (pending_), or
  // of one read from the shards (CandidateSet::stored), so that looking at thousands of
  // candidates copies no signature.
  struct Candidate {
    std::string_view id;
    int day = kUndated;
    std::string_view story;
    const Signature* signature = nullptr;
  };
  struct StoredCandidate {
    std::string id, story;
    Signature signature;
  };
  struct CandidateSet {
    std::vector<Candidate> list;
    std::deque<StoredCandidate> stored;  // a deque: the views stay valid as it grows
  };

  CandidateSet candidates(const Signature& signature, int day) const;
  bool in_window(int a, int b) const;
  // Whether an article in the shards but not in memory may lie within the window of `day`
  // (no: the shards need no lookup).
  bool may_be_stored(int day) const;
  void forget_least_used_days();
  // Puts the stored articles that can be candidates in the compact table, when they fit.
  void load_stored();
  const Span& span_of(const std::string& story);
  std::string new_story_id(const std::string& id);
  bool overridden(const std::string& id) const;
  // Runs `read` on the snapshot, moving it to the latest commit when a writer's commits
  // overtook it.
  template <typename Read>
  auto read_snapshot(Read read) const;

  const NearDuplicateSigner& signer_;
  StoryOptions options_;
  mutable Xapian::Database snapshot_;
  bool snapshot_empty_ = true;
  // The days of the articles stored before this run (the first snapshot's dated articles), and
  // whether some were undated: memory does not hold them.
  bool stored_known_ = false;
  int stored_first_day_ = kUndated, stored_last_day_ = kUndated;
  bool stored_undated_ = false;
  CommittedStories committed_;
  std::set<int> forgotten_days_;  // days of this run whose articles memory no longer holds
  std::unordered_map<int, std::uint64_t> day_used_;  // day -> when an article of it was written
  std::uint64_t clock_ = 0;
  Limits limits_;
  bool tried_loading_ = false;
  mutable std::size_t shard_lookups_ = 0;
  // Written since the snapshot, in order (a deque: entries and their ids do not move).
  std::deque<Entry> entries_;
  std::unordered_map<std::string_view, std::uint32_t> pending_;  // live entries by id
  // Band key -> the entries that have it, newest first, as chains of links: a band key is
  // (band << 16 | value), so heads_ is indexed by the key itself, and an article costs 16
  // links of 8 bytes. (A hash map of vectors cost about 90 bytes per key: 1.4 KB an article.)
  struct Link {
    std::uint32_t entry;
    std::uint32_t next;  // 1 + index of the next link in links_; 0 ends the chain
  };
  std::vector<std::uint32_t> heads_;  // 1 + index in links_; 0: no entry has the key
  std::vector<Link> links_;
  std::unordered_set<std::string> removed_;      // deleted since the snapshot
  std::unordered_map<std::string, Span> spans_;  // stories met since the snapshot (dated)
};

// The fields of an article that is a story of its own (when stories are not detected).
StoryFields lone_story(const std::string& id, std::optional<std::int64_t> instant);

// "YYYY-MM-DD" of the UTC day of `instant`.
std::string utc_day(std::int64_t instant);

}  // namespace dateline
