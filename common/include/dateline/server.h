// The HTTP JSON API and search page (`searcher serve`, PRODUCT.md section 4):
//   GET /search?q=&limit=&offset=&sort=&facet=&snippet_chars=&lang=&like=&feedback=
//                 the CLI's JSON
//   GET /doc/ID   the whole article          GET /health   {"status":"ok",...}
//   GET /         the search page
// Bad parameters get 400 with {"error": "..."}, unknown ids and paths 404.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "dateline/export.h"

namespace dateline {

struct ServerOptions {
  std::string host = "127.0.0.1";  // only this machine, unless told otherwise
  int port = 8080;                 // 0: any free port (see HttpServer::port())
  // Requests handled at once, each with its own database handle. A kept-alive connection holds
  // a thread while its client thinks, so this is sized for clients, not cores: 64 threads served
  // 64 busy clients at 1,000 requests/s on 2 cores, 16 threads at 560 (tests/http_load_test).
  std::size_t threads = 64;
  double query_time_limit_ms = 2000;  // matching stops here and returns the best hits so far
  std::uint32_t max_limit = 100;      // the largest `limit` a client may ask for
  std::uint32_t max_offset = 10000;   // the largest `offset`
  int io_timeout_seconds = 5;         // a client slower than this to send or receive is dropped
  // Receives one access-log line per request (from several threads; calls are serialised).
  // Empty: no access log.
  std::function<void(std::string_view line)> access_log{};
};

// Serves one database over HTTP. Thread-safe: stop() may be called from any thread.
class DATELINE_API HttpServer {
 public:
  // Opens the database (throws DatabaseError) and binds host:port (throws ServerError).
  HttpServer(const std::string& db_path, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port bound (the one chosen when options.port was 0).
  int port() const;
  // Serves until stop(); requests under way are finished first. Throws ServerError when the
  // server cannot run.
  void run();
  // Makes run() return. Safe to call before run(), and more than once.
  void stop();

 private:
  struct DATELINE_LOCAL Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
