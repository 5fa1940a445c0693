// Acceptance on the full shared corpora (issue 2): Reuters-21578 and BBC News. These tests
// need ../shared/corpus beside the checkout (CI has it); without it they say so and pass
// nothing off as checked.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "index/document_builder.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::quote;
using dateline::test::run;
using dateline::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::set<std::string> distinct_ids(const fs::path& file) {
  std::set<std::string> ids;
  for (const auto& a : test::read_articles(file)) ids.insert(a.id);
  return ids;
}

}  // namespace

TEST_CASE("reuters21578 and bbc-news index fully, re-index unchanged, update one",
          "[shared][slow]") {
  if (!test::have_shared_corpus()) {
    WARN("skipped: " << test::shared_corpus_dir() << " is absent");
    return;
  }
  for (const char* name : {"reuters21578", "bbc-news"}) {
    SECTION(name) {
      TempDir dir;
      const auto db = (dir / "db").string();
      const fs::path input = dir / "articles.jsonl";
      fs::copy_file(test::shared_corpus_dir() / name / "articles.jsonl", input);
      const std::string command =
          quote(test::kIndexer) + " --report json --db " + quote(db) + " " + quote(input.string());

      auto result = run(command);
      INFO(result.err);
      REQUIRE(result.exit_code == 0);
      const auto ids = distinct_ids(input);
      CHECK(Xapian::Database(db).get_doccount() == ids.size());
      CHECK(nlohmann::json::parse(result.out)["added"] == ids.size());

      const auto size = test::folder_bytes(db);
      result = run(command);
      REQUIRE(result.exit_code == 0);
      CHECK(nlohmann::json::parse(result.out)["unchanged"] == ids.size());
      CHECK(test::folder_bytes(db) == size);

      // Change the body of the first article only.
      std::string text = test::read_file(input);
      const auto body = text.find("\"body\": \"");
      REQUIRE(body != std::string::npos);
      text.insert(body + 9, "Updated: ");
      test::write_file(input, text);
      result = run(command);
      REQUIRE(result.exit_code == 0);
      const auto report = nlohmann::json::parse(result.out);
      CHECK(report["updated"] == 1);
      CHECK(report["unchanged"] == ids.size() - 1);
      CHECK(Xapian::Database(db).get_doccount() == ids.size());
    }
  }
}
