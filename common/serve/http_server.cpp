// HttpServer: the pieces of the server put together. The database handles (SearcherPool) and
// the connections share the descriptor limit by a plan (descriptors.h); searches run on the
// worker pool; the event loop (listener.h) does all the I/O; routes.h decides every answer.
#include <algorithm>
#include <atomic>
#include <thread>

#include "dateline/server.h"

#include "analysis/decompounder.h"
#include "serve/descriptors.h"
#include "serve/listener.h"
#include "serve/routes.h"
#include "serve/searcher_pool.h"
#include "serve/worker_pool.h"
#include "util/error_edge.h"

namespace dateline {
namespace {

// Descriptors kept out of the plan: standard streams, the epoll and event descriptors of the
// loop, a log file an embedder may open, and the files Xapian opens for a moment when a
// database changes (reopen() reads the new revision's version file).
constexpr std::size_t kSpareDescriptors = 64;

// Two per core unless told (server.h says why).
std::size_t worker_threads(const ServerOptions& options) {
  if (options.threads > 0) return options.threads;
  return 2 * std::max(1u, std::thread::hardware_concurrency());
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

HttpServer::HttpServer(const std::string& db_path, ServerOptions options) {
  at_api_edge<ServerError>("cannot serve " + db_path, [&] { open(db_path, std::move(options)); });
}

void HttpServer::open(const std::string& db_path, ServerOptions options) {
  const std::size_t limit = raise_descriptor_limit();
  const std::size_t before = open_descriptors();
  impl_ = std::make_unique<Impl>(db_path, std::move(options));  // opens the first Searcher
  Impl& s = *impl_;
  const std::size_t now = open_descriptors();
  const std::size_t per_searcher = now > before ? now - before : 1;
  const std::size_t spare = limit > now + kSpareDescriptors ? limit - now - kSpareDescriptors : 1;
  const DescriptorPlan plan =
      plan_descriptors(spare, per_searcher, worker_threads(s.options), s.options.max_connections);
  s.pool.set_capacity(plan.searchers);
  s.listener = std::make_unique<Listener>(s.options, s.routes, s.workers, plan.connections);
  // What analysis loads on first use is loaded now, before the first request, so that no
  // request pays for it: the German word list costs 0.4 s of CPU, more than a request's budget
  // under load (a highlighted German compound would otherwise load it mid-request). Only for a
  // database with German articles: the list keeps 3.6 MB for the server's lifetime.
  const std::vector<std::string> languages =
      s.pool.with_searcher([](Searcher& searcher) { return searcher.languages(); });
  if (std::find(languages.begin(), languages.end(), "de") != languages.end() &&
      Decompounder::available("de")) {
    Decompounder::for_language("de");
  }
}

HttpServer::~HttpServer() {
  stop();
  impl_->workers.stop();
}

int HttpServer::port() const { return impl_->listener->port(); }

void HttpServer::run() {
  if (impl_->stopping) return;
  at_api_edge<ServerError>("the server stopped", [&] {
    impl_->workers.start(worker_threads(impl_->options));
    impl_->listener->run();
    impl_->workers.stop();
  });
}

void HttpServer::stop() {
  impl_->stopping = true;
  impl_->listener->stop();
}

}  // namespace dateline
