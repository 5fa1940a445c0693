// The HTTP JSON API and search page (`searcher serve`, PRODUCT.md section 4):
//   GET /search?q=&limit=&offset=&sort=&facet=&snippet_chars=&lang=&like=&feedback=
//                 the CLI's JSON
//   GET /doc/ID   the whole article          GET /health   {"status":"ok",...}
//   GET /         the search page
// Bad parameters (an unknown or repeated name, a bad number) get 400 with {"error": "..."};
// unknown ids (for /doc/ID and like=ID) and paths 404; other methods than GET and HEAD 405; a
// request line over 8 KB 414. Requests beyond what the database handles allow wait their turn:
// load never makes an answer 500.
#pragma once

#include <chrono>
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
  // Threads that run searches, each with its own database handle (0: two per core). I/O runs
  // on one event-loop thread of its own, so idle and slow connections hold none of these. More
  // than one per core, so that a few slow searches do not hold up every cheap one: 64 busy
  // clients on 2 cores (tests/http_load_test, 3 to 5 runs each on a shared machine) got a
  // median of 886 requests/s, p50 67 ms, p99 146 ms with 4 threads; 856 to 908, p99 117 to
  // 123 ms with 2; 721, p99 168 ms with 8 (the old thread-per-connection server, 64 threads:
  // 672, p50 66 ms, p99 431 ms).
  std::size_t threads = 0;
  double query_time_limit_ms = 2000;  // matching stops here and returns the best hits so far
  std::uint32_t max_limit = 100;      // the largest `limit` a client may ask for
  std::uint32_t max_offset = 10000;   // the largest `offset`
  // Deadlines; a client that misses one is disconnected. A kept-alive connection may be idle
  // this long before the first byte of its next request (cpp-httplib's keep-alive was 5 s)...
  std::chrono::milliseconds idle_timeout{5000};
  // ...then the whole request head must arrive within this, however it trickles in. A real
  // client sends its head in one packet; a slow one (a byte every 2 s) holds a descriptor and
  // a few kB this long, never a thread: 300 of them cost the server 2 MB and no one a delay.
  std::chrono::milliseconds header_timeout{5000};
  std::chrono::milliseconds body_timeout{5000};   // a body (GETs have none) within this
  std::chrono::milliseconds write_timeout{5000};  // an answer must be taken within this
  // Connections open at once, at most; fewer if the descriptor limit (raised to its hard
  // limit at start) leaves less room beside the database handles. More wait to be accepted.
  std::size_t max_connections = 10000;
  // Connections one client address may have open at once; the next is answered 503 and
  // closed. Above what one real client needs (a browser opens 6; the abuse test's crowd 200
  // at once), far below the 10,000 that would let one address take every descriptor.
  std::size_t max_connections_per_client = 256;
  // Receives one access-log line per request (from the event loop's thread, one at a time).
  // Empty: no access log.
  std::function<void(std::string_view line)> access_log{};
};

// Serves one database over HTTP. Thread-safe: stop() may be called from any thread.
class DATELINE_API HttpServer {
 public:
  // Raises the soft RLIMIT_NOFILE to the hard limit, opens the database (throws
  // DatabaseError) and binds host:port (throws ServerError, "cannot listen on HOST:PORT:
  // address in use" when another socket has it).
  HttpServer(const std::string& db_path, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port bound (the one chosen when options.port was 0).
  int port() const;
  // Serves on the calling thread until stop(); requests under way are answered first. Call
  // once. Throws ServerError when the server cannot run (no thread can be started).
  void run();
  // Makes run() return. Safe to call before run(), and more than once.
  void stop();

 private:
  DATELINE_LOCAL void open(const std::string& db_path, ServerOptions options);

  struct DATELINE_LOCAL Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
