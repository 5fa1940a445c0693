// HttpServer: the pieces of the server put together. Searches run on the worker pool, each
// with a Searcher of the pool; the event loop (listener.h) does all the I/O; routes.h decides
// every answer.
#include <algorithm>
#include <atomic>
#include <thread>

#include "dateline/server.h"
#include "serve/listener.h"
#include "serve/routes.h"
#include "serve/searcher_pool.h"
#include "serve/worker_pool.h"

namespace dateline {
namespace {

std::size_t worker_threads(const ServerOptions& options) {
  if (options.threads > 0) return options.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

struct HttpServer::Impl {
  Impl(const std::string& db_path, ServerOptions opts)
      : options(std::move(opts)), pool(db_path), routes(pool, options) {}

  ServerOptions options;
  SearcherPool pool;
  Routes routes;
  WorkerPool workers;
  std::unique_ptr<Listener> listener;
  std::atomic<bool> stopping{false};
};

HttpServer::HttpServer(const std::string& db_path, ServerOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {
  Impl& s = *impl_;
  s.pool.set_capacity(worker_threads(s.options));  // one Searcher per worker, no more
  s.listener = std::make_unique<Listener>(s.options, s.routes, s.workers, s.options.max_connections);
}

HttpServer::~HttpServer() {
  stop();
  impl_->workers.stop();
}

int HttpServer::port() const { return impl_->listener->port(); }

void HttpServer::run() {
  if (impl_->stopping) return;
  impl_->workers.start(worker_threads(impl_->options));
  impl_->listener->run();
  impl_->workers.stop();
}

void HttpServer::stop() {
  impl_->stopping = true;
  impl_->listener->stop();
}

}  // namespace dateline
