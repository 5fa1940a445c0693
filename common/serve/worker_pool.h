// A fixed set of threads taking jobs from one queue, first in first out: where searches run,
// so that the event loop only moves bytes and a search of seconds delays no one's I/O.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dateline {

class WorkerPool {
 public:
  WorkerPool() = default;
  ~WorkerPool() { stop(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts `threads` threads (at least 1).
  void start(std::size_t threads);
  // Queues `job` for the next free thread. Thread-safe. Jobs must not throw.
  void post(std::function<void()> job);
  // Runs the jobs queued, then joins the threads. Idempotent.
  void stop();

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dateline
