// Every public entry point throws only dateline::Error subclasses: each path that used to let
// a Xapian, filesystem or ICU exception escape is driven here for real.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <functional>

#include "dateline/errors.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

// Runs `body` in a child process whose files may not grow past `max_file_bytes` (a full disk,
// without filling one); returns what it printed as its outcome.
std::string in_child_with_file_limit(rlim_t max_file_bytes, const std::function<void()>& body) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    std::signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead of killing us
    const rlimit limit{max_file_bytes, max_file_bytes};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::string outcome = "no exception";
    try {
      body();
    } catch (const DatabaseError& e) {
      outcome = std::string("DatabaseError: ") + e.what();
    } catch (const Error& e) {
      outcome = std::string("Error: ") + e.what();
    } catch (const std::exception& e) {
      outcome = std::string("escaped: ") + e.what();
    }
    (void)!::write(pipe_fds[1], outcome.data(), outcome.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string outcome;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) outcome.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return outcome;
}

Article article(int i) {
  return Article{.id = "a" + std::to_string(i),
                 .title = "Article " + std::to_string(i),
                 .body = std::string(2000, 'x') + " words " + std::to_string(i)};
}

}  // namespace

TEST_CASE("a full disk while the schema is written is a DatabaseError", "[errors]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string outcome = in_child_with_file_limit(4096, [&] { Index index(db); });
  CHECK_THAT(outcome, Catch::StartsWith("DatabaseError: " + db));
}

TEST_CASE("a full disk at commit is a DatabaseError", "[errors]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  { Index created(db); }  // the schema is written without a limit
  const std::string outcome = in_child_with_file_limit(64 * 1024, [&] {
    Index index(db);
    for (int i = 0; i < 2000; ++i) index.add(article(i));
    index.commit();
  });
  CHECK_THAT(outcome, Catch::StartsWith("DatabaseError: " + db));
  CHECK_THAT(outcome, Catch::Contains("File too large"));
}

TEST_CASE("usage mistakes are UsageErrors, and every error is a dateline::Error", "[errors]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  {
    Index index(db);
    CHECK_THROWS_AS(index.add(Article{.id = "x"}), UsageError);
    index.add(article(1));
    index.commit();
  }
  CHECK_THROWS_AS(Index(db, IndexOptions{.default_lang = "klingonese"}), UsageError);
  Searcher searcher(db);
  SearchRequest request{.query = "date:1987-13"};
  CHECK_THROWS_AS(searcher.search(request), UsageError);
  test::write_file(dir / "afile", "not a database");
  CHECK_THROWS_AS(Searcher((dir / "afile").string()), DatabaseError);
  CHECK_THROWS_AS(Searcher((dir / "nothing here").string()), DatabaseError);
  CHECK_THROWS_AS(compact_database((dir / "nothing here").string()), Error);
  CHECK_THROWS_AS(Index((dir / "afile").string()), DatabaseError);
}
