// Golden output: fixed queries over corpus/ give the reviewed JSON in tests/e2e/golden/, so that a
// change in ranking, snippets or rendering shows up as a diff to review. To accept a change,
// run this test with DATELINE_UPDATE_GOLDEN=1 and commit the new file after reading the diff.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "dateline/render.h"
#include "support/search_fixture.h"

using namespace dateline;

TEST_CASE("golden queries over corpus/ give the reviewed results", "[golden]") {
  const auto dir = std::filesystem::path(DATELINE_SOURCE_DIR) / "tests" / "e2e" / "golden";
  std::istringstream queries(test::read_file(dir / "queries.tsv"));
  std::string actual;
  for (std::string line; std::getline(queries, line);) {
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    SearchRequest request;
    request.limit = 5;
    request.snippet_chars = 160;
    request.facets = {FacetField::kLang, FacetField::kYear};
    const auto results = test::search(line.substr(tab + 1), request);
    std::string json = render_json(results, request, {.color = false, .include_timing = false});
    std::erase(json, '\n');
    actual += "{\"qid\":\"" + line.substr(0, tab) + "\"," + json.substr(1) + "\n";
  }
  const auto expected_path = dir / "expected.jsonl";
  if (std::getenv("DATELINE_UPDATE_GOLDEN")) {
    test::write_file(expected_path, actual);
    WARN("wrote " << expected_path);
  }
  const std::string expected = test::read_file(expected_path);
  std::istringstream a(actual), e(expected);
  std::string actual_line, expected_line;
  for (int n = 1; std::getline(e, expected_line); ++n) {
    INFO("line " << n);
    REQUIRE(std::getline(a, actual_line));
    CHECK(actual_line == expected_line);
  }
  CHECK_FALSE(std::getline(a, actual_line));
}
