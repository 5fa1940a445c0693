#include "serve/searcher_pool.h"

#include <algorithm>

namespace dateline {

SearcherPool::SearcherPool(const std::string& path) : path_(path) {
  free_.push_back(std::make_unique<Searcher>(path));
  open_ = 1;
}

void SearcherPool::set_capacity(std::size_t capacity) {
  std::lock_guard lock(mutex_);
  capacity_ = std::max<std::size_t>(capacity, 1);
}

std::unique_ptr<Searcher> SearcherPool::take() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [this] { return !free_.empty() || open_ < capacity_; });
  if (!free_.empty()) {
    auto searcher = std::move(free_.back());
    free_.pop_back();
    return searcher;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<Searcher>(path_);  // outside the lock: opening takes a while
  } catch (...) {
    give_back(nullptr);
    throw;
  }
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
  {
    std::lock_guard lock(mutex_);
    if (searcher) {
      free_.push_back(std::move(searcher));
    } else {
      --open_;
    }
  }
  freed_.notify_one();
}

}  // namespace dateline
