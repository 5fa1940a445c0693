// Interrupted indexing (PRODUCT.md section 3): an indexer killed with SIGKILL at random moments
// leaves a database that opens, at its last commit, with no article twice; running the same
// command again completes the work with nothing lost or doubled and every article at its
// latest content. A disk that fills up likewise keeps the last commit, and a re-run completes.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include "index/schema.h"
#include "index/stored_article.h"
#include "support/test_support.h"

using namespace dateline;

namespace {

constexpr int kCopies = 8;  // corpus/ JSONL articles x 8: over 3,000 articles
constexpr int kKills = 20;

// The corpus articles, `kCopies` times with distinct ids, each body tagged with `version`.
std::string make_input(const std::vector<Article>& articles, int version) {
  std::string out;
  for (int copy = 0; copy < kCopies; ++copy) {
    for (Article a : articles) {
      a.id += "~" + std::to_string(copy);
      a.body = "version " + std::to_string(version) + ". " + a.body;
      out += test::json_line(a) + "\n";
    }
  }
  return out;
}

// Every id term's count of documents; the database must open.
std::map<std::string, Xapian::doccount> id_counts(const std::string& db) {
  Xapian::Database reader(db);
  std::map<std::string, Xapian::doccount> counts;
  const std::string prefix(schema::kIdPrefix);
  for (auto it = reader.allterms_begin(prefix); it != reader.allterms_end(prefix); ++it) {
    counts[*it] = it.get_termfreq();
  }
  return counts;
}

}  // namespace

TEST_CASE("SIGKILL at random moments loses nothing committed and doubles nothing",
          "[crash][slow]") {
  const std::vector<Article> articles = test::corpus_news_articles();
  const std::size_t total = articles.size() * kCopies;
  REQUIRE(total > 3000);

  test::TempDir dir;
  const std::string db = (dir / "db").string();
  const auto input = dir / "articles.jsonl";
  std::mt19937 random(7);
  int killed_mid_run = 0;
  std::string committed_at_kills;  // documents in the database after each kill
  for (int round = 0; round < kKills; ++round) {
    test::write_file(input, make_input(articles, round));  // every run has every article to update
    const pid_t pid = ::fork();
    if (pid == 0) {
      // Small commit batches, so that kills land between, during and after commits.
      ::execl(test::kIndexer.c_str(), "indexer", "--db", db.c_str(), "--commit-mb", "0.5",
              "--progress", "never", input.string().c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    int status = 0;
    if (round == 0) {
      // The first kill lands right after the first commit, so at least one kill is certainly
      // mid-run with work committed; the others land at random moments.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (::waitpid(pid, &status, WNOHANG) == 0 && std::chrono::steady_clock::now() < deadline) {
        try {
          if (Xapian::Database(db).get_doccount() > 0) break;
        } catch (const Xapian::Error&) {
          // not created yet
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 2500));
    }
    if (::waitpid(pid, &status, WNOHANG) == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      ++killed_mid_run;
    }
    INFO("round " << round);
    const auto counts = id_counts(db);  // opens, at its last commit
    CHECK(counts.size() <= total);
    committed_at_kills += " " + std::to_string(counts.size());
    for (const auto& [term, n] : counts) {
      if (n != 1) FAIL(term << " is in the database " << n << " times");
    }
  }
  CHECK(killed_mid_run >= 1);  // how many more is up to the machine's speed

  // The same command again, to the end: every article once, at its latest content.
  test::write_file(input, make_input(articles, kKills));
  const auto result = test::run(test::quote(test::kIndexer) + " --db " + test::quote(db) +
                                " --progress never " + test::quote(input.string()));
  REQUIRE(result.exit_code == 0);
  const auto counts = id_counts(db);
  CHECK(counts.size() == total);
  Xapian::Database reader(db);
  CHECK(reader.get_doccount() == total);
  std::size_t latest = 0;
  for (auto it = reader.postlist_begin(""); it != reader.postlist_end(""); ++it) {
    latest += from_stored(reader.get_document(*it).get_data())
                  .body.starts_with("version " + std::to_string(kKills) + ". ");
  }
  CHECK(latest == total);
  std::printf(
      "crash safety: %d of %d runs killed mid-run; documents after each kill:%s; "
      "final %zu articles, each once, latest\n",
      killed_mid_run, kKills, committed_at_kills.c_str(), total);
}

TEST_CASE("a disk that fills up mid-run stops with exit 2 and keeps the last commit",
          "[crash][slow]") {
  const std::vector<Article> articles = test::corpus_news_articles();
  const std::size_t total = articles.size() * kCopies;
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  const auto input = dir / "articles.jsonl";
  test::write_file(input, make_input(articles, 1));
  const std::string command = test::quote(test::kIndexer) + " --db " + test::quote(db) +
                              " --commit-mb 0.5 --progress never " + test::quote(input.string());

  // No file of the database may grow past 3 MB: the space runs out part-way through.
  REQUIRE(test::run("command -v prlimit").exit_code == 0);
  const auto full = test::run("prlimit --fsize=3000000 " + command);
  INFO(full.err);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("indexer: " + db) != std::string::npos);
  CHECK(full.err.find("File too large") != std::string::npos);  // the system's own reason
  const auto partial = id_counts(db);                           // opens, at its last commit
  CHECK(partial.size() < total);
  for (const auto& [term, n] : partial) {
    if (n != 1) FAIL(term << " is in the database " << n << " times");
  }

  // With space again, the same command completes the work.
  const auto again = test::run(command);
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  const auto counts = id_counts(db);
  CHECK(counts.size() == total);
  for (const auto& [term, n] : counts) {
    if (n != 1) FAIL(term << " is in the database " << n << " times");
  }
  std::printf("disk full: stopped with %zu of %zu articles committed; the re-run completed\n",
              partial.size(), total);
}
