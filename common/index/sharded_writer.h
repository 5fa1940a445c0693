// Writes articles into the shards of a database in parallel: each article goes to the shard
// its id hashes to; each worker thread owns some shards' IndexWriters (and their Analyzers).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/analyzer.h"
#include "index/near_duplicates.h"
#include "index/shard_layout.h"
#include "index/shard_writer.h"
#include "index/story_assigner.h"

namespace dateline {

// Not thread-safe itself: call it from one thread. With one shard and one thread, the work
// is done on the caller's thread. Stories are given on the caller's thread, in input order,
// from all shards (StoryAssigner): the same whatever the shards and threads. Every
// kMaxPendingStories articles, all shards commit so that the assigner's memory stays bounded
// (not with commit_bytes 0, which asks for one commit at the end). A worker's error (e.g. disk
// full) is rethrown by the next call, and the other shards stop taking work.
class ShardedWriter {
 public:
  ShardedWriter(const ShardLayout& layout, IndexOptions options);
  ~ShardedWriter();  // drops uncommitted work
  ShardedWriter(const ShardedWriter&) = delete;
  ShardedWriter& operator=(const ShardedWriter&) = delete;

  void add(Article article);

  // About 0.7 KB each while pending, then about 0.3 KB in the assigner's compact table of
  // earlier batches (StoryAssigner::kCommittedBudgetBytes), where they stay candidates.
  static constexpr std::size_t kMaxPendingStories = 25000;
  // Queues the removal of `id`; ids not found are listed by missing_ids() after finish().
  void remove(const std::string& id);
  // Commits every shard and waits for all work; rethrows the first error.
  void finish();
  // finish(), and then ready for more work.
  void commit();
  // Drops everything since the last commit in every shard, and waits.
  void abandon();

  // What was done so far; may be called while workers run.
  IndexCounts counts() const;
  std::vector<std::string> missing_ids() const;

 private:
  struct Task {
    std::size_t shard;
    std::function<void(ShardWriter&)> run;
  };
  struct Worker {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Task> queue;
    bool closing = false;
    std::thread thread;
  };

  void start_workers();
  void submit(std::size_t shard, std::function<void(ShardWriter&)> run);
  void work(Worker& worker);
  void join_workers();  // lets every worker finish its queue, then joins it
  void rethrow_error();

  IndexOptions options_;
  std::vector<std::unique_ptr<ShardWriter>> writers_;  // one per shard
  // The caller thread's: tokens and signatures for the stories (none when stories are off).
  Analyzer analyzer_;
  NearDuplicateSigner signer_;
  std::unique_ptr<StoryAssigner> stories_;
  std::vector<std::unique_ptr<Worker>> workers_;  // empty: work on the caller's thread
  ShardLayout layout_;
  std::size_t threads_;
  void count(const WriteChange& change);
  IndexCounts counts_;               // written by the workers through std::atomic_ref
  mutable std::mutex shared_mutex_;  // guards error_ and missing_
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
  std::vector<std::string> missing_;
};

}  // namespace dateline
