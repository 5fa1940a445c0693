// Shards give the same answers as one database (issue 6): corpus/ indexed into one database
// and into 3 shards; the same 50 queries return the same ids in the same order with the same
// snippets from the shards opened locally, from the shards served by 3 xapian-tcpsrv processes
// (started here, on 127.0.0.1), and after --compact.
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "dateline/index.h"
#include "dateline/render.h"
#include "index/shard_layout.h"
#include "support/search_fixture.h"

using namespace dateline;

namespace {

// Every query's results as JSON, without timings: what must be identical. Over remote shards
// only the hits are compared (ids, order, scores, snippets): Xapian 1.4's remote backend has no
// spelling data and over-counts facets, both left as known limitations.
std::vector<std::string> answers(const std::string& db, bool hits_only = false) {
  Searcher searcher(db);
  std::vector<std::string> out;
  for (const std::string& q : test::mixed_queries()) {
    SearchRequest request;
    request.query = q;
    request.limit = 20;
    request.facets = {FacetField::kLang, FacetField::kTag};
    const auto results = searcher.search(request);
    const RenderOptions render{.include_timing = false};
    if (!hits_only) {
      out.push_back(render_json(results, request, render));
      continue;
    }
    std::istringstream lines(render_jsonl(results, request, render));
    std::string hits;
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("{\"type\":\"hit\"")) hits += line + "\n";
    }
    out.push_back(hits);
  }
  return out;
}

// The answers of two databases, query by query, so that a failure names its query.
void check_same(const std::vector<std::string>& actual, const std::vector<std::string>& expected) {
  const auto queries = test::mixed_queries();
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO("query: " << queries[i]);
    CHECK(actual[i] == expected[i]);
  }
}

// Every query's facets (lang, tag, year) as text: counted over every match, they must be the
// same over remote shards too.
std::vector<std::string> facet_counts(const std::string& db) {
  Searcher searcher(db);
  std::vector<std::string> out;
  for (const std::string& q : test::mixed_queries()) {
    SearchRequest request;
    request.query = q;
    request.limit = 10;
    request.facets = {FacetField::kLang, FacetField::kTag, FacetField::kYear};
    std::string text = q + ":";
    for (const Facet& facet : searcher.search(request).facets) {
      for (const auto& v : facet.values) text += " " + v.value + "=" + std::to_string(v.count);
    }
    out.push_back(text);
  }
  return out;
}

std::string index(const std::string& db, std::size_t shards) {
  IndexingOptions options;
  options.index.shards = shards;
  options.index.threads = shards;
  test::QuietObserver observer;
  const auto summary = run_indexing(db, {test::corpus_dir().string()}, options, observer);
  REQUIRE(summary.added == 411);
  return db;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// A xapian-tcpsrv serving one shard on 127.0.0.1, stopped on destruction.
class TcpServer {
 public:
  TcpServer(const std::string& shard, int port) : port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      // Its own process group: on SIGTERM, xapian-tcpsrv signals its whole group. And it dies
      // with this test, even if the test itself crashes.
      ::setpgid(0, 0);
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      const std::string p = std::to_string(port);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
               p.c_str(), shard.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~TcpServer() {
    ::kill(pid_, SIGTERM);
    int status;
    ::waitpid(pid_, &status, 0);
  }
  int port() const { return port_; }

 private:
  pid_t pid_;
  int port_;
};

}  // namespace

TEST_CASE("one database, 3 shards, 3 remote shards and the compacted shards agree", "[shards]") {
  test::TempDir dir;
  const std::string single_db = index((dir / "single").string(), 1);
  const auto single = answers(single_db);
  const auto single_hits = answers(single_db, true);
  const std::string sharded = index((dir / "sharded").string(), 3);
  REQUIRE(open_shard_layout(sharded, 0).count() == 3);
  check_same(answers(sharded), single);

  {
    std::vector<std::unique_ptr<TcpServer>> servers;
    std::ofstream stub(dir / "remote.stub");
    for (const auto& shard : open_shard_layout(sharded, 0).shard_paths) {
      servers.push_back(std::make_unique<TcpServer>(shard, free_port()));
      stub << "remote 127.0.0.1:" << servers.back()->port() << "\n";
    }
    stub.close();
    // Wait until all three servers answer.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      try {
        Searcher probe((dir / "remote.stub").string());
        break;
      } catch (const std::exception&) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    check_same(answers((dir / "remote.stub").string(), true), single_hits);
    check_same(facet_counts((dir / "remote.stub").string()), facet_counts(single_db));
  }

  compact_database(sharded);
  CHECK(open_shard_layout(sharded, 0).count() == 1);
  check_same(answers(sharded), single);
}

TEST_CASE("re-indexing an updated article into shards leaves one copy", "[shards]") {
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  const auto input = dir / "a.jsonl";
  IndexingOptions options;
  options.index.shards = 3;
  options.index.threads = 2;
  test::QuietObserver observer;
  for (const char* body : {"First version about cocoa.", "Second version about coffee."}) {
    test::write_file(input, std::string("{\"id\":\"x1\",\"title\":\"T\",\"body\":\"") + body +
                                "\"}\n" +
                                "{\"id\":\"x2\",\"title\":\"Other\",\"body\":\"Unrelated.\"}\n");
    run_indexing(db, {input.string()}, options, observer);
  }
  options.index.shards = 0;  // later runs use the shards the database has
  const auto again = run_indexing(db, {input.string()}, options, observer);
  CHECK(again.unchanged == 2);
  Searcher searcher(db);
  const auto hits = searcher.search(SearchRequest{.query = "id:x1"}).hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].article.body == "Second version about coffee.");
  CHECK(searcher.search(SearchRequest{.query = "cocoa"}).hits.empty());
  CHECK(searcher.search(SearchRequest{.query = "T OR Other"}).hits.size() == 2);
}

namespace {

// Stops a run after it has asked `after` times (about once per record read): what Ctrl-C
// does to the indexer.
class StopAfter : public test::QuietObserver {
 public:
  explicit StopAfter(std::uint64_t after) : after_(after) {}
  bool stop_requested() override { return ++asked_ > after_; }

 private:
  std::uint64_t after_, asked_ = 0;
};

// The subfolders of a database folder that hold databases (shard-NNN, compact-N).
std::vector<std::string> database_subfolders(const std::filesystem::path& db) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the automatic layout writes a new database in parallel and merges it into one",
          "[shards]") {
  test::TempDir dir;
  const auto single = answers(index((dir / "single").string(), 1));
  IndexingOptions options;  // shards 0: the automatic layout
  options.index.threads = 2;
  test::QuietObserver quiet;

  SECTION("a completed run leaves one database with the same answers") {
    const std::string db = (dir / "auto").string();
    const auto summary = run_indexing(db, {test::corpus_dir().string()}, options, quiet);
    CHECK(summary.added == 411);
    CHECK(summary.merged);
    CHECK(open_shard_layout(db, 0).count() == 1);
    CHECK(database_subfolders(db) == std::vector<std::string>{"compact-1"});
    CHECK_FALSE(std::filesystem::exists(dir / "auto" / "merge-pending"));
    check_same(answers(db), single);
    // A later run writes into the one database and merges nothing.
    const auto again = run_indexing(db, {test::corpus_dir().string()}, options, quiet);
    CHECK(again.unchanged == 411);
    CHECK_FALSE(again.merged);
  }
  SECTION("an interrupted run keeps its shards, and the next run merges them") {
    const std::string db = (dir / "interrupted").string();
    StopAfter stop(100);
    const auto first = run_indexing(db, {test::corpus_dir().string()}, options, stop);
    REQUIRE(first.interrupted);
    CHECK_FALSE(first.merged);
    CHECK(open_shard_layout(db, 0).count() == 2);
    CHECK(std::filesystem::exists(dir / "interrupted" / "merge-pending"));
    const auto rest = run_indexing(db, {test::corpus_dir().string()}, options, quiet);
    CHECK(rest.added + first.added == 411);
    CHECK(rest.merged);
    CHECK(open_shard_layout(db, 0).count() == 1);
    check_same(answers(db), single);
  }
  SECTION("shards asked for are kept") {
    const std::string db = (dir / "kept").string();
    options.index.shards = 2;
    CHECK_FALSE(run_indexing(db, {test::corpus_dir().string()}, options, quiet).merged);
    options.index.shards = 0;
    CHECK_FALSE(run_indexing(db, {test::corpus_dir().string()}, options, quiet).merged);
    CHECK(database_subfolders(db) == std::vector<std::string>{"shard-000", "shard-001"});
  }
  SECTION("one thread writes one database, as before") {
    const std::string db = (dir / "one").string();
    options.index.threads = 1;
    CHECK_FALSE(run_indexing(db, {test::corpus_dir().string()}, options, quiet).merged);
    CHECK(database_subfolders(db).empty());
  }
}
