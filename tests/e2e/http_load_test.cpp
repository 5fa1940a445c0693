// `searcher serve` under load and abuse: 64 clients for 10 seconds all answered correctly
// (requests per second, latency and the server's peak memory printed for the note and the
// docs), slow and garbage clients refused without harm, and a clean stop on SIGTERM.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "dateline/render.h"
#include "support/raw_connection.h"
#include "support/search_fixture.h"
#include "support/server_process.h"

using namespace dateline;
using Clock = std::chrono::steady_clock;

using test::RawConnection;
using test::status_of;

TEST_CASE("64 clients for 10 seconds all get correct answers", "[http-load]") {
  test::TempDir dir;
  const auto queries = test::mixed_queries();
  std::vector<std::string> expected;  // the hits each query must return, from the library
  {
    Searcher searcher(test::corpus_db());
    for (const auto& q : queries) {
      SearchRequest request;
      request.query = q;
      expected.push_back(
          nlohmann::json::parse(render_json(searcher.search(request), request, {}))["hits"].dump());
    }
  }
  const char* threads_env = std::getenv("DATELINE_LOAD_THREADS");  // default: the server's
  test::ServeProcess server(test::corpus_db(), dir / "serve.log",
                            threads_env ? std::vector<std::string>{"--threads", threads_env}
                                        : std::vector<std::string>{});
  const char* seconds_env = std::getenv("DATELINE_LOAD_SECONDS");
  const auto duration = std::chrono::seconds(seconds_env ? std::atoi(seconds_env) : 10);
  constexpr int kClients = 64;

  std::atomic<long> wrong{0};
  std::mutex mutex;
  std::vector<double> latencies_ms;
  const auto start = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_keep_alive(true);
      client.set_read_timeout(30, 0);
      std::vector<double> mine;
      for (std::size_t i = c; Clock::now() - start < duration; ++i) {
        const std::size_t k = i % queries.size();
        const auto sent = Clock::now();
        const auto res = client.Get("/search?q=" + test::url_encoded(queries[k]));
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        if (!res || res->status != 200 ||
            nlohmann::json::parse(res->body)["hits"].dump() != expected[k]) {
          ++wrong;
        }
      }
      std::lock_guard lock(mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  std::sort(latencies_ms.begin(), latencies_ms.end());
  const auto at = [&](double q) {
    return latencies_ms[std::min(latencies_ms.size() - 1,
                                 static_cast<std::size_t>(q * latencies_ms.size()))];
  };
  REQUIRE(!latencies_ms.empty());
  std::cout << "http load: " << kClients << " clients, " << seconds << " s, " << latencies_ms.size()
            << " requests, " << latencies_ms.size() / seconds << " requests/s, p50 " << at(0.5)
            << " ms, p99 " << at(0.99) << " ms, max " << latencies_ms.back() << " ms, wrong "
            << wrong << ", server peak RSS " << server.peak_rss_kb() / 1024 << " MB" << std::endl;
  CHECK(wrong == 0);
  CHECK(server.stop(SIGTERM, std::chrono::seconds(10)) == 0);
  // One access-log line per request.
  const std::string log = server.log();
  CHECK(static_cast<std::size_t>(std::count(log.begin(), log.end(), '\n')) >= latencies_ms.size());
}

TEST_CASE("slow, garbage and oversized requests are refused and harm no one else", "[http-load]") {
  test::TempDir dir;
  test::ServeProcess server(test::corpus_db(), dir / "serve.log");
  const int port = server.port();

  // Slow clients: half a request line, then silence. The server drops them after its I/O
  // timeout, and meanwhile answers everyone else.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port));
    REQUIRE(slow.back()->connected());
    slow.back()->send("GET /search?q=oil HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
  }
  httplib::Client client("127.0.0.1", port);
  const auto during = client.Get("/search?q=oil");
  REQUIRE(during);
  CHECK(during->status == 200);
  const auto dropped_from = Clock::now();
  for (auto& connection : slow)
    CHECK(connection->receive_all().find("200 OK") == std::string::npos);
  CHECK(Clock::now() - dropped_from < std::chrono::seconds(12));

  // Garbage of every kind gets a 4xx answer (or a closed connection), never a crash.
  const std::vector<std::pair<std::string, int>> garbage = {
      {"GARBAGE\r\n\r\n", 400},
      {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n", 400},
      {"GET /search?q=" + std::string(20000, 'a') +
           " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
       414},
      {"GET /search?q=%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400},
      {"GET /search?q=%00%01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200},
      {"POST /search?q=oil HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
       "100000000\r\n\r\n" +
           std::string(70000, 'x'),
       413},  // or 405: refused either way
      {"GET /search?q=oil HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + std::string(9000, 'X') +
           ": y\r\n\r\n",
       400},
      {"GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404},
      {"GET /doc/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404},
  };
  for (const auto& [request, status] : garbage) {
    INFO(request.substr(0, 80));
    RawConnection connection(port);
    REQUIRE(connection.connected());
    connection.send(request);
    const std::string response = connection.receive_all();
    const int got = status_of(response);
    INFO("got " << got);
    CHECK((got == status || (status == 413 && got == 405) || (got == -1 && status >= 400)));
  }

  // Many connections at once, each with a real request: all answered.
  std::atomic<int> answered{0};
  std::vector<std::thread> crowd;
  for (int i = 0; i < 200; ++i) {
    crowd.emplace_back([&] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(60, 0);
      const auto res = c.Get("/search?q=cocoa&limit=3");
      if (res && res->status == 200) ++answered;
      if (!res) std::cerr << "crowd: " << httplib::to_string(res.error()) << std::endl;
    });
  }
  for (auto& t : crowd) t.join();
  CHECK(answered == 200);
  CHECK(client.Get("/health")->status == 200);
  std::cout << "http abuse: server peak RSS " << server.peak_rss_kb() / 1024 << " MB" << std::endl;
  CHECK(server.stop(SIGTERM, std::chrono::seconds(10)) == 0);
  CHECK(server.log().find("searcher: stopping (SIGTERM)") != std::string::npos);
}

TEST_CASE("serve listens on 127.0.0.1 unless told otherwise, and a bad --listen is a usage error",
          "[http-load]") {
  const auto help = test::run(test::quote(test::kSearcher) + " --db x serve --help");
  CHECK(help.out.find("127.0.0.1:8080") != std::string::npos);
  for (const char* listen : {"nonsense", "127.0.0.1:99999", "127.0.0.1:", "host:port"}) {
    INFO(listen);
    const auto r = test::run(test::quote(test::kSearcher) + " --db " +
                             test::quote(test::corpus_db()) + " serve --listen " + listen);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--listen") != std::string::npos);
  }
  const auto missing = test::run(test::quote(test::kSearcher) + " --db /nonexistent serve");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("/nonexistent") != std::string::npos);
}
