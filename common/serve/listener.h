// The event loop: one thread that accepts connections, reads requests and writes answers for
// all of them (Boost.Beast on Boost.Asio), so a connection that is idle or slow costs a
// descriptor and a buffer, never a thread. Requests that read the database go to the worker
// pool; their answers come back to the loop to be written.
#pragma once

#include <cstddef>
#include <memory>

#include "dateline/server.h"
#include "serve/routes.h"
#include "serve/worker_pool.h"

namespace dateline {

class Listener {
 public:
  // Binds options.host:options.port (throws ServerError, e.g. "cannot listen on
  // 127.0.0.1:8080: address in use"). At most `max_connections` connections are open at once;
  // more wait in the kernel's accept queue.
  Listener(const ServerOptions& options, Routes& routes, WorkerPool& workers,
           std::size_t max_connections);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  int port() const;
  // Serves on the calling thread until stop() and until every request under way is answered.
  void run();
  // Stops accepting and closes every connection without a request under way; the others are
  // closed once answered. Thread-safe; safe before run() and more than once.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
