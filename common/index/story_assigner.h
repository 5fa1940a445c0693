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
#include "util/bloom_filter.h"

namespace dateline {

// What a document gets for its story (schema.h: kStorySlot, kSignatureSlot, kDaySlot,
// kDayStorySlot, the story term and, when judgeable, the story day term).
struct StoryFields {
  std::string story;    // 16 hex digits
  std::string day;      // UTC day of the article's instant, "YYYY-MM-DD"; "" when undated
  Signature signature;  // not judgeable: no day term, and the article stands alone
};

// The candidates of a new article are the articles that share one of its LSH band keys, all
// looked up in memory: those written since the last reopen(), in a table of their band keys;
// and those of earlier batches and of earlier runs, in a compact table kept across reopen()
// (CommittedStories). An article stored before this run is in that table once its day was
// loaded from the shards (by the day's term, kStoryDayPrefix), which happens when a new
// article's window first reaches that day; a run into a new database, or in date order after
// the stored days, reads no shard. Memory is bounded: past the budget, the days least recently
// written to are forgotten, and loaded again from the shards when a window reaches them. An
// article joins the story of its most similar candidate (ties: the smaller id) whose
// similarity reaches the threshold and whose story, with it, spans no more than the window;
// otherwise its story is new. Stories keep their id whatever happens to their first article:
// an article's story is stored with it, never derived from another article. Not thread-safe.
class StoryAssigner {
 public:
  // The memory for articles of earlier batches and runs: about 270 bytes an article on
  // Reuters-21578 (ids of 5 to 8 bytes), so about 500,000.
  static constexpr std::size_t kCommittedBudgetBytes = 128u << 20;
  static constexpr std::size_t kCommittedArticleBytes = 300;  // with room for long ids
  // A load from the shards takes the days a window needs and, while they fit in an eighth of
  // the budget, the stored days up to this far from the article's: articles come roughly in
  // date order, and each load re-indexes the whole compact table.
  static constexpr int kLoadReachDays = 31;
  // A load holds at most half the budget (and at least this many articles): of a window whose
  // days hold more, each day's most recently written articles, in proportion.
  static constexpr std::size_t kMinLoadArticles = 1000;
  struct Limits {
    std::size_t committed_budget = kCommittedBudgetBytes;
  };

  StoryAssigner(const NearDuplicateSigner& signer, StoryOptions options, Limits limits);
  StoryAssigner(const NearDuplicateSigner& signer, StoryOptions options)
      : StoryAssigner(signer, options, Limits{}) {}

  // What became of the articles written since the last reopen().
  enum class Written { kCommitted, kDropped };
  // Takes a new snapshot of the shards at `shard_paths`. The articles written since the last
  // one move to the compact table when the shards committed them; when they were dropped
  // (some may have been committed by then), their days are loaded from the shards when next
  // needed. Throws Xapian::Error.
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
  // Articles of earlier batches and runs held in memory, and their bytes.
  std::size_t committed() const { return committed_.size(); }
  std::size_t committed_bytes() const { return committed_.bytes(); }
  // All the memory the budget bounds: the compact table and the spans of this run's stories.
  std::size_t memory_bytes() const {
    return committed_.bytes() + run_spans_.size() * kRunSpanBytes + written_ids_.bytes();
  }
  // How many times days were loaded from the shards.
  std::size_t shard_loads() const { return shard_loads_; }
  // How many times a story's span was read from the shards (its copies' days).
  std::size_t span_reads() const { return span_reads_; }

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
  // A possible earlier copy: a view of an article written since the snapshot, or of one of
  // the compact table copied out (CandidateSet::kept), so that looking at thousands of
  // candidates copies no signature.
  struct Candidate {
    std::string_view id;
    int day = kUndated;
    std::string_view story;
    const Signature* signature = nullptr;
  };
  struct KeptCandidate {
    std::string id, story;
    Signature signature;
  };
  struct CandidateSet {
    std::vector<Candidate> list;
    std::deque<KeptCandidate> kept;  // a deque: the views stay valid as it grows
  };

  CandidateSet candidates(const Signature& signature, int day) const;
  bool in_window(int a, int b) const;
  // Whether the shards may hold articles of `day` that memory does not.
  bool needs_loading(int day) const;
  // Loads from the shards the days that the window of `day` needs (and nearby ones).
  void load_window(int day);
  static std::string day_term(int day);  // the kStoryDayPrefix term of `day`
  // Loads the articles of each (day, at most) from the shards, the most recently written first.
  void load_days(const std::vector<std::pair<int, std::size_t>>& days);
  // Forgets whole days, the least recently used first, none of those in the window of `keep`.
  void forget_least_used_days(std::optional<int> keep = std::nullopt);
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
  // whether some were undated: memory holds those of the days in loaded_days_.
  bool stored_known_ = false;
  int stored_first_day_ = kUndated, stored_last_day_ = kUndated;
  bool stored_undated_ = false;
  // Whether the database held articles when the run began; if not, an id is stored only if
  // this run wrote it, and the ids written say which are certainly not, without a lookup in
  // the shards for each article (1% of indexing reuters x4).
  bool stored_before_run_ = false;
  BloomFilter written_ids_;  // hash64 of every id assign() was given
  std::set<int> loaded_days_;
  CommittedStories committed_;
  std::set<int> forgotten_days_;  // days whose articles memory no longer holds (all of them)
  std::unordered_map<int, std::uint64_t> day_used_;  // day -> when it was written or loaded
  std::uint64_t clock_ = 0;
  Limits limits_;
  std::size_t shard_loads_ = 0;
  std::size_t span_reads_ = 0;
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
  std::unordered_set<std::string> removed_;  // deleted since the snapshot
  // Days of which memory dropped a stored article since the snapshot (deleted or written again,
  // or skipped when loading its day as such): if the batch is dropped, the shards still hold
  // it, and those days are loaded again.
  std::set<int> overridden_days_;
  std::unordered_map<std::string, Span> spans_;  // stories met since the snapshot (dated)
  // The spans of the judgeable stories begun in this run, by story number, kept across
  // reopen(): while memory has seen every article of such a story written and none removed,
  // written again or forgotten (and no batch was dropped), its span is what span_of() would
  // read from the shards, a tree lookup per copy (2.4% of indexing reuters x4).
  std::unordered_map<std::uint64_t, Span> run_spans_;
  static constexpr std::size_t kRunSpanBytes = 48;  // a node of run_spans_ and its bucket
};

// The fields of an article that is a story of its own (when stories are not detected).
StoryFields lone_story(const std::string& id, std::optional<std::int64_t> instant);

// "YYYY-MM-DD" of the UTC day of `instant`.
std::string utc_day(std::int64_t instant);

}  // namespace dateline
