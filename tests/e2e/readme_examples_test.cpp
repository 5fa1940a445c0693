// The README's query examples run as written: every query of its query-language table and
// every searcher command of the examples after it, on corpus/ (the demo database's articles).
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "support/search_fixture.h"

using namespace dateline;

namespace {

std::string readme_section(const std::string& start, const std::string& end) {
  const std::string readme =
      test::read_file(std::filesystem::path(DATELINE_SOURCE_DIR) / "README.md");
  const auto from = readme.find(start);
  REQUIRE(from != std::string::npos);
  return readme.substr(from, readme.find(end, from) - from);
}

std::string searcher(const std::string& args) {
  return test::quote(test::kSearcher) + " --db " + test::quote(test::corpus_db()) + " " + args;
}

}  // namespace

TEST_CASE("every query of the README's query table finds articles", "[readme]") {
  const std::string table = readme_section("### Query language", "A query that does not parse");
  std::istringstream lines(table);
  std::size_t queries = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    const std::string first_cell = line.substr(2, line.find(" |", 2) - 2);
    const std::regex code("`([^`]+)`");
    for (auto it = std::sregex_iterator(first_cell.begin(), first_cell.end(), code);
         it != std::sregex_iterator(); ++it) {
      const std::string query = (*it)[1];
      INFO(query);
      const auto r = test::run(searcher("--format ids --limit 1 -- " + test::quote(query)));
      // The README says author: finds nothing in the sample (no article has a byline).
      CHECK(r.exit_code == (query.starts_with("author:") ? 1 : 0));
      CHECK(r.err.find("note") == std::string::npos);
      ++queries;
    }
  }
  CHECK(queries >= 25);
}

TEST_CASE("every searcher command of the README's examples runs", "[readme]") {
  const std::string block = readme_section("every command below on", "### Output");
  std::istringstream lines(block);
  std::size_t commands = 0;
  for (std::string line; std::getline(lines, line);) {
    const std::string prefix = "searcher --db build/demo-db ";
    if (!line.starts_with(prefix)) continue;
    std::string args = line.substr(prefix.size());
    if (const auto comment = args.find("  #"); comment != std::string::npos) args.resize(comment);
    INFO(args);
    const auto r = test::run(searcher(args));
    // A misspelling matches nothing (exit 1) and says "did you mean".
    CHECK(r.exit_code == (args.find("petroleom") != std::string::npos ? 1 : 0));
    CHECK_FALSE(r.out.empty());
    ++commands;
  }
  CHECK(commands >= 6);
}
