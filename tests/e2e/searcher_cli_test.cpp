// The searcher executable as users and programs run it: formats, exit codes, pipes, batches.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
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

TEST_CASE("jsonl, ids and trec print a line per hit", "[searcher-cli]") {
  auto r = run(searcher("--format jsonl --limit 5 oil"));
  REQUIRE(r.exit_code == 0);
  REQUIRE(lines(r.out).size() == 6);  // and the summary
  for (const auto& line : lines(r.out)) {
    const auto j = nlohmann::json::parse(line);
    CHECK(j.contains(j["type"] == "hit" ? "id" : "total"));
  }

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

TEST_CASE("exit status: 0 something matched, 1 nothing, 2 errors, as grep's", "[searcher-cli]") {
  CHECK(run(searcher("cocoa")).exit_code == 0);
  CHECK(run(searcher("xyzzyplugh")).exit_code == 1);
  auto r = run(searcher("''"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("give a query"));
  CHECK(run(searcher("--sort sideways oil")).exit_code == 2);
  // Matches that were not printed still matched.
  r = run(searcher("--limit 0 cocoa"));
  CHECK(r.exit_code == 0);
  CHECK(run(searcher("--offset 5000 cocoa")).exit_code == 0);
  CHECK(run(searcher("--limit 0 xyzzyplugh")).exit_code == 1);
}

TEST_CASE("a closed pipe is not an error", "[searcher-cli]") {
  const auto r = run("bash -c " + quote(searcher("--limit 300 the") +
                                        " | head -1 >/dev/null; exit ${PIPESTATUS[0]}"));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("with --count the exact number of matches is printed, and the text total brackets it",
          "[searcher-cli]") {
  // The true count, found without the searcher's counting: every id of an unbounded search.
  for (const std::string q : {"\"trade surplus\"", "oil", "interest rates", "bank OR grain"}) {
    INFO(q);
    const auto ids = run(searcher("--format ids --limit 100000 -- " + quote(q)));
    const std::size_t truth = lines(ids.out).size();
    REQUIRE(truth > 0);
    const auto count = run(searcher("--count -- " + quote(q)));
    CHECK(count.exit_code == 0);
    CHECK(count.out == std::to_string(truth) + "\n");
    // The text total is the exact number, or a range that holds it.
    const auto text = run(searcher("--limit 2 -- " + quote(q)));
    const auto total = lines(text.out).back();
    std::uint64_t low = 0, high = 0;
    char word[16] = {};
    if (std::sscanf(total.c_str(), "%lu to %lu", &low, &high) == 2) {
      CHECK(low <= truth);
      CHECK(truth <= high);
    } else {
      REQUIRE(std::sscanf(total.c_str(), "%lu %15s", &low, word) == 2);
      CHECK(low == truth);
    }
  }
  CHECK(run(searcher("--count xyzzyplugh")).out == "0\n");
  CHECK(run(searcher("--count xyzzyplugh")).exit_code == 1);
}

TEST_CASE("batch mode runs every query in one process, with timings", "[searcher-cli]") {
  test::TempDir dir;
  test::write_file(dir / "queries.tsv",
                   "# the queries of a test\nq1\tbank\nq2\toil prices\n\nq3\txyzzyplugh\n");
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

TEST_CASE("a batch line without a tab is an error naming its line", "[searcher-cli]") {
  test::TempDir dir;
  test::write_file(dir / "queries.tsv", "q1\tbank\noil prices\n");
  const auto r = run(searcher("--format ids --batch " + quote((dir / "queries.tsv").string())));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("queries.tsv:2: no tab"));
}

TEST_CASE("batch JSON is one valid object per line, whatever the query id holds",
          "[searcher-cli]") {
  test::TempDir dir;
  test::write_file(dir / "queries.tsv", "say \"hi\"\\\tbank\nq2\toil\n");
  const auto r =
      run(searcher("--format json --limit 2 --batch " + quote((dir / "queries.tsv").string())));
  REQUIRE(r.exit_code == 0);
  const auto out = lines(r.out);
  REQUIRE(out.size() == 2);
  const auto first = nlohmann::ordered_json::parse(out[0]);
  CHECK(first.begin().key() == "qid");
  CHECK(first["qid"] == "say \"hi\"\\");
  CHECK(nlohmann::json::parse(out[1])["qid"] == "q2");
}

TEST_CASE("JSON is one line unless --pretty, and both hold the same document", "[searcher-cli]") {
  const auto compact = run(searcher("--format json --limit 3 oil"));
  const auto pretty = run(searcher("--format json --pretty --limit 3 oil"));
  CHECK(lines(compact.out).size() == 1);
  CHECK(lines(pretty.out).size() > 20);
  auto a = nlohmann::json::parse(compact.out), b = nlohmann::json::parse(pretty.out);
  a.erase("took_ms");
  b.erase("took_ms");
  CHECK(a == b);
}

TEST_CASE("jsonl prints typed hit lines and ends with a summary", "[searcher-cli]") {
  const auto r = run(searcher("--format jsonl --limit 3 --facet lang oil"));
  REQUIRE(r.exit_code == 0);
  const auto out = lines(r.out);
  REQUIRE(out.size() == 4);
  for (std::size_t i = 0; i < 3; ++i) CHECK(nlohmann::json::parse(out[i])["type"] == "hit");
  const auto summary = nlohmann::json::parse(out[3]);
  CHECK(summary["type"] == "summary");
  CHECK(summary["total"]["lower"].get<int>() >= 3);
  CHECK(summary["facets"]["lang"].is_array());
  CHECK(summary["notes"].is_array());
  CHECK(summary.contains("suggestion"));
}

TEST_CASE("hits carry their tags, and marked-up highlights when asked", "[searcher-cli]") {
  auto r = run(searcher("--format json --limit 1 tag:cocoa"));
  REQUIRE(r.exit_code == 0);
  auto hit = nlohmann::json::parse(r.out)["hits"][0];
  CHECK(std::find(hit["tags"].begin(), hit["tags"].end(), "cocoa") != hit["tags"].end());
  CHECK_FALSE(hit["snippet"].contains("marked"));

  r = run(searcher("--format json --limit 1 --highlight-tags '[[,]]' cocoa"));
  hit = nlohmann::json::parse(r.out)["hits"][0];
  const std::string text = hit["snippet"]["text"], marked = hit["snippet"]["marked"];
  // The marks surround exactly the ranges.
  std::string expected;
  std::size_t at = 0;
  for (const auto& range : hit["snippet"]["highlights"]) {
    const std::size_t a = range[0], b = range[1];
    expected += text.substr(at, a - at) + "[[" + text.substr(a, b - a) + "]]";
    at = b;
  }
  expected += text.substr(at);
  CHECK(marked == expected);
  CHECK_THAT(std::string(hit["title_marked"]), Catch::Contains("[["));
  CHECK(run(searcher("--highlight-tags '<b>' cocoa")).exit_code == 2);
}

TEST_CASE("a query read otherwise says so in the JSON too", "[searcher-cli]") {
  const auto r = run(searcher("--format json -- '\"unbalanced quote'"));
  const auto notes = nlohmann::json::parse(r.out)["notes"];
  REQUIRE(notes.size() == 1);
  CHECK_THAT(std::string(notes[0]), Catch::Contains("plain words"));
}

TEST_CASE("a title stays bold after its highlights", "[searcher-cli]") {
  const auto r = run(searcher("--color always --limit 1 title:cocoa"));
  // Every reset inside the title line is followed by bold again.
  const std::string title_line = lines(r.out).at(0);
  REQUIRE_THAT(title_line, Catch::Contains("\033[1;33m"));
  const std::string reset = "\033[0m";
  const auto last = title_line.rfind(reset);
  for (auto at = title_line.find(reset); at != last; at = title_line.find(reset, at + 1)) {
    CHECK(title_line.compare(at + reset.size(), 4, "\033[1m") == 0);
  }
}

TEST_CASE("recency prefers recent matches and drops none", "[searcher-cli]") {
  const auto plain = nlohmann::json::parse(
      run(searcher("--format json --collapse none --limit 10 --facet year oil")).out);
  const auto recent = nlohmann::json::parse(
      run(searcher("--format json --collapse none --limit 10 --facet year --recency 7d "
                   "--now 1987-06-30 oil"))
          .out);
  CHECK(recent["total"] == plain["total"]);
  CHECK(recent["facets"] == plain["facets"]);
  // The newest article of the page (the days are 1987's, --now is at their end) comes first
  // with recency, where relevance alone ranks it lower.
  const auto newest = [](const nlohmann::json& result) {
    std::string date;
    for (const auto& hit : result["hits"]) {
      if (hit["date"].is_string()) date = std::max(date, hit["date"].get<std::string>());
    }
    return date;
  };
  REQUIRE(plain["hits"][0]["date"] != newest(plain));
  CHECK(recent["hits"][0]["date"] == newest(recent));
  CHECK(newest(recent) >= newest(plain));
  CHECK(run(searcher("--recency soon oil")).exit_code == 2);
}
