// Stubs that cannot be opened (issue 17, item 3): a stub that lists itself, two stubs that
// list each other, and a stub whose shard is missing give one clear line and exit 2 in the
// searcher, the server and the indexer (Xapian alone recurses until SIGSEGV on a cycle, and
// says nothing of which stub lists the missing shard). The indexer never creates a missing
// shard again, empty.
#include <catch2/catch.hpp>

#include "support/test_support.h"

using namespace dateline;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

// The searcher, the server and the indexer on `db`; each must exit 2 with `message`.
void check_every_tool_refuses(const fs::path& db, const std::string& message) {
  const std::string at = " --db " + test::quote(db);
  const auto search = test::run(test::kSearcher + at + " cocoa");
  INFO("searcher: " << search.err);
  CHECK(search.exit_code == 2);
  CHECK_THAT(search.err, Contains(message));
  const auto serve =
      test::run("timeout 20 " + test::kSearcher + at + " serve --listen 127.0.0.1:0");
  INFO("server: " << serve.err);
  CHECK(serve.exit_code == 2);
  CHECK_THAT(serve.err, Contains(message));
  const auto index = test::run(test::kIndexer + at + " --progress never " +
                               test::quote(test::corpus_dir() / "news"));
  INFO("indexer: " << index.err);
  CHECK(index.exit_code == 2);
  CHECK_THAT(index.err, Contains(message));
}

}  // namespace

TEST_CASE("a stub folder that lists itself is refused with a message", "[stubs]") {
  test::TempDir dir;
  fs::create_directories(dir / "db");
  test::write_file(dir / "db" / "XAPIANDB", "auto .\n");
  check_every_tool_refuses(dir / "db", "lists itself");
}

TEST_CASE("a stub file that lists itself is refused with a message", "[stubs]") {
  test::TempDir dir;
  test::write_file(dir / "stub", "auto stub\n");
  const auto search = test::run(test::kSearcher + " --db " + test::quote(dir / "stub") + " cocoa");
  INFO(search.err);
  CHECK(search.exit_code == 2);
  CHECK_THAT(search.err, Contains("lists itself"));
}

TEST_CASE("two stubs that list each other are refused with a message", "[stubs]") {
  test::TempDir dir;
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  test::write_file(dir / "a" / "XAPIANDB", "auto ../b\n");
  test::write_file(dir / "b" / "XAPIANDB", "auto ../a\n");
  check_every_tool_refuses(dir / "a", "lists itself");
}

TEST_CASE("a missing shard is named with its stub, and never created again empty", "[stubs]") {
  test::TempDir dir;
  const fs::path db = dir / "db";
  REQUIRE(test::run(test::kIndexer + " --db " + test::quote(db) + " --shards 3 --progress never " +
                    test::quote(test::corpus_dir()))
              .exit_code == 0);
  fs::remove_all(db / "shard-001");
  check_every_tool_refuses(db, (db / "XAPIANDB").string() + ": shard shard-001 is missing");
  CHECK_FALSE(fs::exists(db / "shard-001"));
}
