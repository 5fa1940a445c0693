// Searchers for the worker threads, at most `capacity` of them: a request takes one and gives
// it back, so each search has its own database handle and handles are reused. When all are
// in use, the next request waits for one: the capacity is what the descriptor limit allows
// (descriptors.h), and a request queued is better than one answered "Too many open files".
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dateline/search.h"

namespace dateline {

class SearcherPool {
 public:
  // Opens the first Searcher now, so a bad database fails here (DatabaseError).
  explicit SearcherPool(const std::string& path);

  // Allows up to `capacity` Searchers at once (at least 1). Set before the first with_searcher.
  void set_capacity(std::size_t capacity);

  // `use(searcher)` with a pooled Searcher, waiting while all are in use. A Searcher whose
  // `use` threw is dropped (its handle may be in a bad state) and a new one opened later.
  template <typename Use>
  auto with_searcher(Use use) {
    Lease lease(*this);
    auto result = use(*lease.searcher);
    lease.keep = true;
    return result;
  }

 private:
  struct Lease {
    explicit Lease(SearcherPool& owner) : pool(owner), searcher(owner.take()) {}
    ~Lease() { pool.give_back(keep ? std::move(searcher) : nullptr); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SearcherPool& pool;
    std::unique_ptr<Searcher> searcher;
    bool keep = false;
  };

  std::unique_ptr<Searcher> take();
  // `searcher` back to the pool; null when it was dropped.
  void give_back(std::unique_ptr<Searcher> searcher);

  std::string path_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Searcher>> free_;
  std::size_t open_ = 0;  // Searchers in existence: free, in use, or being opened
  std::size_t capacity_ = 1;
};

}  // namespace dateline
