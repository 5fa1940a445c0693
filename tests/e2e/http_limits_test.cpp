// What clients cannot take from others: slow connections hold no worker, one address holds at
// most its cap of connections, a request head must arrive by its deadline; a database of many
// shards is served to many clients at once within the descriptor limit; a port in use is
// refused, not shared. Each bound in time is a liveness bound with a wide margin, no speed claim.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "dateline/index.h"
#include "dateline/server.h"
#include "support/raw_connection.h"
#include "support/running_server.h"
#include "support/search_fixture.h"
#include "support/server_process.h"

using namespace dateline;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::RawConnection;

namespace {

// A stub listing 1,000 tiny shards (copies of one): a Searcher on it holds 5,000 descriptors.
// Built once per test process, removed at exit.
const std::string& thousand_shard_stub() {
  static test::TempDir dir;
  static const std::string stub = [] {
    const auto one = dir / "one";
    {
      Index index(one.string());
      index.add({.id = "a1", .title = "Oil prices", .body = "Oil rose.", .lang = "en"});
      index.commit();
    }
    std::string lines;
    for (int i = 0; i < 1000; ++i) {
      const std::string name = "s" + std::to_string(i);
      std::filesystem::copy(one, dir / name, std::filesystem::copy_options::recursive);
      lines += "auto " + name + "\n";
    }
    test::write_file(dir / "stub", lines);
    return (dir / "stub").string();
  }();
  return stub;
}

// Runs `clients` threads, each asking `target` once at the same moment; the statuses.
std::vector<int> ask_at_once(int port, int clients, const std::string& target) {
  std::vector<int> statuses(clients, -1);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(60, 0);
      if (const auto res = client.Get(target)) statuses[c] = res->status;
    });
  }
  for (auto& t : threads) t.join();
  return statuses;
}

}  // namespace

TEST_CASE("300 slow connections hold no worker: 20 other clients are answered within 1 s",
          "[http-limits]") {
  test::TempDir dir;
  test::ServeProcess server(test::corpus_db(), dir / "serve.log");
  // One byte of a request head every 2 s, from three addresses (100 each, under the cap per
  // client) other than the normal clients' 127.0.0.1.
  const std::string head = "GET /search?q=oil HTTP/1.1\r\nHost: x\r\n\r\n";
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 300; ++i) {
    const std::string source = "127.0.0." + std::to_string(2 + i % 3);
    slow.push_back(std::make_unique<RawConnection>(server.port(), source.c_str()));
    REQUIRE(slow.back()->connected());
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    for (std::size_t at = 0; !done; ++at) {
      for (auto& connection : slow) connection->send(head.substr(at % head.size(), 1));
      for (int i = 0; i < 20 && !done; ++i) std::this_thread::sleep_for(100ms);
    }
  });
  std::this_thread::sleep_for(500ms);  // every slow connection accepted and trickling

  std::atomic<int> prompt{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 20; ++c) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_connection_timeout(5, 0);
      client.set_read_timeout(5, 0);
      for (const char* target : {"/health", "/search?q=oil", "/search?q=cocoa&limit=3"}) {
        const auto sent = Clock::now();
        const auto res = client.Get(target);
        if (res && res->status == 200 && Clock::now() - sent < 1s) ++prompt;
      }
    });
  }
  for (auto& t : clients) t.join();
  done = true;
  trickle.join();
  CHECK(prompt == 20 * 3);
}

TEST_CASE("a request head must arrive within the header deadline, however it trickles in",
          "[http-limits]") {
  test::RunningServer server(test::corpus_db(),
                             ServerOptions{.idle_timeout = 1s, .header_timeout = 1s});
  // A byte every 200 ms: the whole head would take 7 s, the deadline closes it after 1 s.
  const std::string head = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  RawConnection trickler(server.port());
  bool closed = false;
  for (std::size_t i = 0; i + 1 < head.size() && !closed; ++i) {
    trickler.send(head.substr(i, 1));
    closed = trickler.closed_within(200ms);
  }
  CHECK(closed);
  // A connection that sends nothing is closed after the idle deadline.
  RawConnection idle(server.port());
  CHECK(idle.closed_within(5s));
  // Meanwhile others are served.
  CHECK(server.client().Get("/health")->status == 200);
}

TEST_CASE("one address holds at most its cap of connections, others are still served",
          "[http-limits]") {
  test::RunningServer server(test::corpus_db(), ServerOptions{.max_connections_per_client = 8});
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.5"));
    REQUIRE(held.back()->connected());
  }
  // The ninth is refused: a 503 saying why, or (if the client's request crossed it) a reset.
  RawConnection ninth(server.port(), "127.0.0.5", 5);
  ninth.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string refused = ninth.receive_all();
  INFO(refused);
  CHECK((test::status_of(refused) == 503 || refused.empty()));
  if (!refused.empty()) CHECK(refused.find("too many connections") != std::string::npos);

  CHECK(server.client().Get("/health")->status == 200);  // from 127.0.0.1
  // Once one of the eight closes, the address may connect again.
  held.pop_back();
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    RawConnection again(server.port(), "127.0.0.5", 5);
    again.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    served = test::status_of(again.receive_all()) == 200;
    if (!served) std::this_thread::sleep_for(100ms);
  }
  CHECK(served);
}

TEST_CASE("1,000 shards and 16 clients at once: all answered 200 within the descriptor limit",
          "[http-limits]") {
  test::TempDir dir;
  // A soft limit of 1,024 (the usual default) and a hard one of 16,384: one Searcher needs
  // 5,000, so the server must raise the soft limit, and fits 2 Searchers, not 16.
  test::ServeProcess server(thousand_shard_stub(), dir / "serve.log", {},
                            rlimit{.rlim_cur = 1024, .rlim_max = 16384});
  const auto statuses = ask_at_once(server.port(), 16, "/search?q=oil&limit=3");
  CHECK(statuses == std::vector<int>(16, 200));
  CHECK(ask_at_once(server.port(), 16, "/health") == std::vector<int>(16, 200));
  const std::string log = server.log();
  CHECK(log.find("\" 500 ") == std::string::npos);
}

TEST_CASE("SIGTERM: requests under way are answered, then the server exits 0", "[http-limits]") {
  test::TempDir dir;
  // Searches of 1,000 shards take a while, so some are under way or queued at the signal.
  test::ServeProcess server(thousand_shard_stub(), dir / "serve.log");
  std::atomic<int> answered{0}, ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(60, 0);
      const auto res = client.Get("/search?q=oil");
      ++answered;
      if (res && res->status == 200) ++ok;
    });
  }
  // Once the first answer is back, every request has long been read.
  while (answered == 0) std::this_thread::sleep_for(1ms);
  CHECK(server.stop(SIGTERM, 60s) == 0);
  for (auto& t : clients) t.join();
  CHECK(ok == 8);
}

TEST_CASE("a second server on a port in use fails: 'address in use', exit 2", "[http-limits]") {
  test::TempDir dir;
  test::ServeProcess first(test::corpus_db(), dir / "first.log");
  {
    Index other((dir / "b").string());
    other.add({.id = "b1", .title = "Another database", .body = "Its own.", .lang = "en"});
    other.commit();
  }
  const std::string where = "127.0.0.1:" + std::to_string(first.port());
  // `timeout`: a second server that did bind would serve until killed.
  const auto second = test::run("timeout 10 " + test::quote(test::kSearcher) + " --db " +
                                test::quote(dir / "b") + " serve --listen " + where);
  CHECK(second.exit_code == 2);
  CHECK(second.err == "searcher: cannot listen on " + where + ": address in use\n");
  httplib::Client client("127.0.0.1", first.port());
  CHECK(client.Get("/health")->status == 200);
}
