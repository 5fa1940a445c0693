// Readers and writers at once: while an indexer process commits into a database every few
// hundred kilobytes, the searcher executable, the library and the HTTP server keep answering
// it, never with an error, and never see the database shrink.
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "dateline/errors.h"
#include "dateline/index.h"
#include "dateline/server.h"
#include "index/stored_article.h"
#include "support/running_server.h"
#include "support/search_fixture.h"

using namespace dateline;
using nlohmann::json;

namespace {

constexpr int kCopies = 6;  // corpus/ x 6: about 2,500 articles, many commits

// How many articles match `lang:…` for every language, from the facet counts of a JSON result.
std::uint64_t counted(const json& result) {
  std::uint64_t n = 0;
  for (const auto& value : result["facets"]["lang"]) n += value["count"].get<std::uint64_t>();
  return n;
}

// One reader's record: how many searches, how many failed (and the first failure's message, so
// that a failure says which reader and why), whether a count ever went down.
struct ReaderLog {
  std::atomic<int> searches{0}, failures{0}, shrinks{0};
  std::uint64_t last = 0;
  std::mutex mutex;
  std::string first_failure;
  void failed(const std::string& why) {
    std::lock_guard lock(mutex);
    if (failures++ == 0) first_failure = why;
  }
  void saw(std::uint64_t n) {
    if (n < last) ++shrinks;
    last = n;
    ++searches;
  }
};

}  // namespace

TEST_CASE("searches answer correctly while an indexer commits into the same database",
          "[concurrency]") {
  const std::vector<Article> articles = test::corpus_news_articles();
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  std::string input;
  for (int copy = 0; copy < kCopies; ++copy) {
    for (Article a : articles) {
      a.id += "~" + std::to_string(copy);
      input += test::json_line(a) + "\n";
    }
  }
  test::write_file(dir / "articles.jsonl", input);
  const std::size_t total = articles.size() * kCopies;
  {
    Index index(db);  // the database exists before the readers start
    index.add({.id = "first", .title = "First", .body = "The first article.", .lang = "en"});
    index.commit();
  }

  auto server = std::make_unique<test::RunningServer>(db);

  const pid_t indexer = ::fork();
  if (indexer == 0) {
    ::execl(test::kIndexer.c_str(), "indexer", "--db", db.c_str(), "--commit-mb", "0.25",
            "--progress", "never", (dir / "articles.jsonl").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::atomic<bool> writing{true};
  ReaderLog cli, library, http;
  const std::string everything = "date:1000..9999 OR lang:de OR lang:ja OR lang:ar OR first";

  std::thread cli_reader([&] {
    while (writing) {
      const auto r = test::run(test::quote(test::kSearcher) + " --db " + test::quote(db) +
                               " --format json --limit 5 --facet lang " + test::quote(everything));
      if (r.exit_code != 0) {
        cli.failed("CLI exit " + std::to_string(r.exit_code) + ": " + r.err);
        continue;
      }
      cli.saw(counted(json::parse(r.out)));
    }
  });
  std::thread library_reader([&] {
    Searcher searcher(db);
    SearchRequest request{.query = everything, .limit = 20, .facets = {FacetField::kLang}};
    while (writing) {
      try {
        const auto results = searcher.search(request);
        std::uint64_t n = 0;
        for (const auto& v : results.facets.at(0).values) n += v.count;
        library.saw(n);
      } catch (const DatabaseError& e) {
        library.failed(std::string("library: ") + e.what());
      }
    }
  });
  std::thread http_reader([&] {
    auto client = server->client();
    const std::string target =
        "/search?limit=20&facet=lang&q=date%3A1000..9999%20OR%20lang%3Ade%20OR%20lang%3Aja%20OR%20"
        "lang%3Aar%20OR%20first";
    while (writing) {
      const auto res = client.Get(target);
      if (!res || res->status != 200) {
        http.failed(res ? "HTTP " + std::to_string(res->status) + ": " + res->body
                        : "HTTP: " + httplib::to_string(res.error()));
        continue;
      }
      http.saw(counted(json::parse(res->body)));
    }
  });

  int status = 0;
  ::waitpid(indexer, &status, 0);
  writing = false;
  for (auto* t : {&cli_reader, &library_reader, &http_reader}) t->join();
  server.reset();

  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  for (auto* log : {&cli, &library, &http}) {
    INFO(log->first_failure);
    CHECK(log->searches > 0);
    CHECK(log->failures == 0);
    CHECK(log->shrinks == 0);
  }
  // Afterwards, every article is found, by every reader.
  CHECK(Searcher(db).document_count() == total + 1);
  std::printf("concurrency: during indexing, %d CLI, %d library and %d HTTP searches, no error\n",
              cli.searches.load(), library.searches.load(), http.searches.load());
}
