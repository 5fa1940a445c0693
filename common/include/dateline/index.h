// Writing a Dateline database: add, replace and delete articles, commit; and compaction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/article.h"
#include "dateline/export.h"

namespace dateline {

inline constexpr std::string_view kDefaultLang = "en";
// Xapian's inverter costs more per posting the larger its in-memory batch: commits of 1 MB of
// text took 0.56x the CPU of 32 MB ones on reuters21578 (docs/benchmarks.md, issue 15).
inline constexpr std::uint64_t kDefaultCommitBytes = 1u << 20;
inline constexpr int kDefaultStoryWindowDays = 3;

struct IndexOptions {
  // Language for articles without `lang` whose language the detector cannot tell.
  std::string default_lang{kDefaultLang};
  // Changes are committed each time this much article text has been added since the last
  // commit: bounds both memory and the work an interruption can lose. 0: only by commit().
  std::uint64_t commit_bytes = kDefaultCommitBytes;
  // Shards for a new database; an existing database keeps its own. 0, the automatic layout:
  // with one thread, one database; with more, run_indexing() writes a new database as one
  // shard per thread, in parallel, and merges them into one compact database when the run
  // completes (an interrupted run leaves the merge to the next). Index always writes one.
  std::size_t shards = 0;
  // Threads writing shards in parallel (at most one per shard; 1: the caller's thread only).
  std::size_t threads = 1;
  // Near copies of one story (another headline, trimmed, edited) share a story id, which
  // searches collapse on (docs/stories.md). false: every article is a story of its own.
  bool stories = true;
  // No story spans articles more than this many days apart (wire copies arrive within days).
  int story_window_days = kDefaultStoryWindowDays;
};

// What writing did: articles added, updated (replaced), unchanged (skipped), deleted.
struct IndexCounts {
  std::uint64_t added = 0, updated = 0, unchanged = 0, deleted = 0;

  std::uint64_t articles() const { return added + updated + unchanged; }
};

// A database opened for writing. One writer per database at a time (a second one gets
// DatabaseError). Not thread-safe: call it from one thread (it may use worker threads itself).
// Every change is inside a transaction, so the database on disk is always at a commit: an
// interrupted run loses at most the changes since the last commit, and redoing them replaces
// instead of doubling. Searchers see the changes after each commit.
class DATELINE_API Index {
 public:
  // Opens the database folder at `path`, creating it when absent. Throws DatabaseError.
  explicit Index(const std::string& path, const IndexOptions& options = {});
  ~Index();  // drops uncommitted changes
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // Adds `article`, replacing the one with the same id; skipped when unchanged since it was
  // last indexed. Its fields are finished as a reader's are: `date` in any form the readers
  // accept, `lang` a BCP 47 tag (empty or unreadable: detected), control characters blanked,
  // an empty id derived from the url or the content. Returns what was changed or dropped
  // (e.g. an unreadable date), as warnings. Throws UsageError for an article with neither
  // title nor body, or invalid UTF-8. The writing may be done on a worker thread: a failure
  // there (DatabaseError, e.g. disk full) is thrown by a later call, at the latest by commit().
  std::vector<std::string> add(Article article);
  // Removes the article with `id`, if there is one (see missing_ids()).
  void remove(const std::string& id);
  // Makes every change so far durable and visible to searchers. Throws DatabaseError.
  void commit();

  // What add() and remove() did, up to the last commit().
  IndexCounts counts() const;
  // Ids given to remove() that were not in the database, up to the last commit().
  std::vector<std::string> missing_ids() const;

 private:
  struct DATELINE_LOCAL Impl;
  std::unique_ptr<Impl> impl_;
};

// Compacts the database folder `dir` (one database or a stub of shards) into a single compact
// database that replaces it. The new database is built beside the old one and swapped in only
// when complete, so an interruption leaves the old one intact. Throws DatabaseError.
DATELINE_API void compact_database(const std::string& dir);

}  // namespace dateline
