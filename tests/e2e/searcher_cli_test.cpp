// The searcher executable as users and programs run it: formats, exit codes, pipes, batches.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/search_fixture.h"

using namespace dateline;
using test::quote;
using test::run;

namespace {

std::string searcher(const std::string& args) {
  return quote(test::kSearcher) + " --db " + quote(test::corpus_db()) + " " + args;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("JSON output (--format json) has the fields of PRODUCT.md", "[searcher-cli]") {
  const auto r = run(searcher("--format json --limit 3 --facet source chips Alibaba"));
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key :
       {"query", "total", "offset", "limit", "took_ms", "suggestion", "hits", "facets"}) {
    CHECK(j.contains(key));
  }
  CHECK(j["query"] == "chips Alibaba");
  const auto& hit = j["hits"][0];
  for (const char* key : {"rank", "id", "score", "title", "date", "source", "author", "url", "lang",
                          "snippet", "title_highlights"}) {
    CHECK(hit.contains(key));
  }
  CHECK(hit["snippet"]["highlights"].size() > 0);
  CHECK(j["facets"]["source"].is_array());
}

TEST_CASE("jsonl, ids and trec print one line per hit", "[searcher-cli]") {
  auto r = run(searcher("--format jsonl --limit 5 oil"));
  REQUIRE(r.exit_code == 0);
  REQUIRE(lines(r.out).size() == 5);
  for (const auto& line : lines(r.out)) CHECK(nlohmann::json::parse(line).contains("id"));

  r = run(searcher("--format ids --limit 5 oil"));
  CHECK(lines(r.out).size() == 5);

  r = run(searcher("--format trec --limit 5 oil"));
  const auto trec = lines(r.out);
  REQUIRE(trec.size() == 5);
  for (std::size_t i = 0; i < trec.size(); ++i) {
    std::istringstream fields(trec[i]);
    std::string qid, q0, id, rank, score, tag;
    fields >> qid >> q0 >> id >> rank >> score >> tag;
    CHECK(q0 == "Q0");
    CHECK(rank == std::to_string(i + 1));
    CHECK(tag == "dateline");
  }
}

TEST_CASE("text output has colour only when asked or on a terminal", "[searcher-cli]") {
  auto r = run(searcher("--limit 2 chips"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find('\033') == std::string::npos);  // stdout is a file here
  CHECK_THAT(r.out, Catch::Contains("chip"));
  CHECK_THAT(r.out, Catch::Contains("result"));
  r = run(searcher("--color always --limit 2 chips"));
  CHECK(r.out.find("\033[1;33m") != std::string::npos);
  r = run("NO_COLOR=1 " + searcher("--limit 2 chips"));
  CHECK(r.out.find('\033') == std::string::npos);
}

TEST_CASE("exit status: 0 hits, 1 none, 2 errors; a closed pipe is not an error",
          "[searcher-cli]") {
  CHECK(run(searcher("cocoa")).exit_code == 0);
  CHECK(run(searcher("xyzzyplugh")).exit_code == 1);
  auto r = run(searcher("''"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("give a query"));
  CHECK(run(searcher("--sort sideways oil")).exit_code == 2);
  r = run("bash -c " +
          quote(searcher("--limit 300 the") + " | head -1 >/dev/null; exit ${PIPESTATUS[0]}"));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("batch mode runs every query in one process, with timings", "[searcher-cli]") {
  test::TempDir dir;
  test::write_file(dir / "queries.tsv", "q1\tbank\nq2\toil prices\n\nq3\txyzzyplugh\n");
  const auto timings = dir / "timings.tsv";
  const auto r =
      run(searcher("--format trec --limit 3 --batch " + quote((dir / "queries.tsv").string()) +
                   " --timings " + quote(timings.string())));
  REQUIRE(r.exit_code == 0);
  const auto out = lines(r.out);
  CHECK(out.size() == 6);
  CHECK(out.front().starts_with("q1 Q0 "));
  CHECK(out.back().starts_with("q2 Q0 "));
  const auto t = lines(test::read_file(timings));
  REQUIRE(t.size() == 3);
  CHECK(t[2].starts_with("q3\t"));
}
