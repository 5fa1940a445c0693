// Compaction interrupted at every step (issue 17, items 1 and 2): `indexer --compact` killed
// with SIGKILL at each rename(2) it makes (strace's fault injection, Xapian's own renames
// included) leaves a database that opens with every article at every instant, and the same
// command run again completes the compaction. A writer racing a compaction is told the
// database is locked, or its articles are all there afterwards: none is ever lost.
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "index/schema.h"
#include "support/test_support.h"

using namespace dateline;
namespace fs = std::filesystem;

namespace {

// Every id in the database at `db`, which must open.
std::set<std::string> ids(const fs::path& db) {
  Xapian::Database reader(db.string());
  std::set<std::string> out;
  const std::string prefix(schema::kIdPrefix);
  for (auto it = reader.allterms_begin(prefix); it != reader.allterms_end(prefix); ++it) {
    out.insert(*it);
  }
  return out;
}

bool have_strace() { return test::run("strace -V").exit_code == 0; }

std::string compact_command(const fs::path& db) {
  return test::kIndexer + " --db " + test::quote(db) + " --progress never --compact";
}

// The number of `indexer --compact` runs killed, one at each rename in turn, until one ends
// without being killed; after each kill and each re-run, every article opens.
int kill_at_each_rename(const fs::path& pristine, const fs::path& work) {
  const std::set<std::string> expected = ids(pristine);
  REQUIRE(expected.size() > 400);
  for (int when = 1; when < 200; ++when) {
    fs::remove_all(work);
    fs::copy(pristine, work, fs::copy_options::recursive);
    // LeakSanitizer cannot run under ptrace: in the sanitizer build, the run strace lets finish
    // would end with LSan's fatal error instead of exit 0.
    const auto killed = test::run(
        "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 "
        "strace -f -qq -o /dev/null -e trace=rename,renameat,renameat2 -e "
        "inject=rename,renameat,renameat2:signal=KILL:when=" +
        std::to_string(when) + " " + compact_command(work));
    INFO("killed at rename " << when << ": " << killed.err);
    if (killed.exit_code == 0) return when - 1;
    REQUIRE(killed.exit_code == 128 + SIGKILL);
    CHECK(ids(work) == expected);  // the instant of the kill: a complete database opens
    const auto rerun = test::run(compact_command(work));
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(ids(work) == expected);
    CHECK(test::run(compact_command(work)).exit_code == 0);  // and again, from the compacted one
    CHECK(ids(work) == expected);
  }
  FAIL("indexer --compact was still killed after 200 renames");
  return 0;
}

fs::path index_corpus(const test::TempDir& dir, const std::string& name, const std::string& flags) {
  const fs::path db = dir / name;
  const auto result = test::run(test::kIndexer + " --db " + test::quote(db) + " --progress never " +
                                flags + " " + test::quote(test::corpus_dir()));
  REQUIRE(result.exit_code == 0);
  return db;
}

}  // namespace

TEST_CASE("compaction killed at each rename keeps every article, and a re-run completes it",
          "[compaction]") {
  if (!have_strace()) {
    WARN("strace is not installed (scripts/packages.txt lists it): fault injection skipped");
    return;
  }
  test::TempDir dir;
  SECTION("one database") {  // the folder is the database: two renames (stub in, iamglass out)
    const fs::path pristine = index_corpus(dir, "one", "--shards 1");
    CHECK(kill_at_each_rename(pristine, dir / "work") >= 2);
  }
  SECTION("three shards") {
    const fs::path pristine = index_corpus(dir, "three", "--shards 3");
    CHECK(kill_at_each_rename(pristine, dir / "work") >= 1);
  }
  SECTION("a database compacted before") {
    const fs::path pristine = index_corpus(dir, "again", "--shards 1 --compact");
    CHECK(kill_at_each_rename(pristine, dir / "work") >= 1);
  }
  SECTION("a database written in parallel and merged (the default)") {
    const fs::path pristine = index_corpus(dir, "merged", "");
    CHECK(kill_at_each_rename(pristine, dir / "work") >= 1);
  }
}

TEST_CASE("the leftovers of the old folder swap are recovered, never removed", "[compaction]") {
  // What the swap X -> X.old, X.compacting -> X left when killed between its two renames.
  test::TempDir dir;
  const fs::path db = index_corpus(dir, "db", "--shards 1");  // the old swap's kind of folder
  const std::set<std::string> expected = ids(db);
  fs::copy(db, dir / "db.compacting", fs::copy_options::recursive);
  fs::rename(db, dir / "db.old");
  const auto rerun = test::run(compact_command(db));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(ids(db) == expected);
  CHECK_FALSE(fs::exists(dir / "db.old"));
  CHECK_FALSE(fs::exists(dir / "db.compacting"));
}

TEST_CASE("a writer racing a compaction is told it is locked, or keeps every article",
          "[compaction]") {
  // Enough articles that compaction takes a while: the corpus's news five times over.
  test::TempDir dir;
  std::string input;
  for (int copy = 0; copy < 5; ++copy) {
    for (Article a : test::corpus_news_articles()) {
      a.id += "~" + std::to_string(copy);
      input += test::json_line(a) + "\n";
    }
  }
  test::write_file(dir / "base.jsonl", input);
  const fs::path db = dir / "db";
  REQUIRE(test::run(test::kIndexer + " --db " + test::quote(db) + " --shards 2 --progress never " +
                    test::quote(dir / "base.jsonl"))
              .exit_code == 0);
  int locked = 0;
  std::set<std::string> committed;  // the ids of every writer that said it added them
  for (int round = 0; round < 3; ++round) {
    std::atomic<bool> compacting = true;
    std::thread compaction([&] {
      // The compaction, like any writer, may find the database locked by a writer: it then
      // says so, and is run again.
      for (int attempt = 0; attempt < 100; ++attempt) {
        const auto result = test::run(compact_command(db));
        if (result.exit_code == 0) break;
        INFO(result.err);
        CHECK_THAT(result.err, Catch::Contains("locked"));
      }
      compacting = false;
    });
    for (int writer = 0; compacting; ++writer) {
      std::string batch;
      std::set<std::string> batch_ids;
      for (int i = 0; i < 50; ++i) {
        const std::string id = "race-" + std::to_string(round) + "-" + std::to_string(writer) +
                               "-" + std::to_string(i);
        batch += R"({"id":")" + id + R"(","title":"race )" + id +
                 R"(","body":"written during compaction"})" + "\n";
        batch_ids.insert(schema::id_term(id));
      }
      test::write_file(dir / "batch.jsonl", batch);
      const auto result = test::run(test::kIndexer + " --db " + test::quote(db) +
                                    " --progress never " + test::quote(dir / "batch.jsonl"));
      if (result.exit_code == 0) {
        committed.insert(batch_ids.begin(), batch_ids.end());
      } else {
        INFO(result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("locked"));
        ++locked;
      }
    }
    compaction.join();
  }
  std::set<std::string> present = ids(db);
  std::size_t lost = 0;
  for (const std::string& id : committed) lost += present.count(id) == 0;
  CHECK(lost == 0);
  CHECK(present.size() == 5 * test::corpus_news_articles().size() + committed.size());
  // The race happened: some writer ran while a compaction did (refused, or, before the lock,
  // lost).
  CHECK(locked + lost > 0);
}
