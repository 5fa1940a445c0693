// Hostile input, enumerated: the committed nasty articles (tests/e2e/hostile/articles.jsonl) and
// queries (tests/e2e/hostile/queries.tsv), each with its expected outcome; and the big ones made
// on the fly (a 100 MB body, a million tiny lines).
#include <httplib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "dateline/server.h"
#include "support/running_server.h"
#include "support/search_fixture.h"

using namespace dateline;
using test::quote;
using test::run;

namespace {

const std::filesystem::path kHostile =
    std::filesystem::path(DATELINE_SOURCE_DIR) / "tests/e2e/hostile";

struct Expected {
  std::string outcome;  // indexed, warning, skipped, ignored
  std::string detail;   // the id, or what the message says
  std::string query;    // finds the article
};

std::map<std::uint64_t, Expected> expected_articles() {
  std::map<std::uint64_t, Expected> out;
  std::ifstream in(kHostile / "expected.tsv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string number;
    Expected e;
    std::getline(fields, number, '\t');
    std::getline(fields, e.outcome, '\t');
    std::getline(fields, e.detail, '\t');
    std::getline(fields, e.query, '\t');
    out[std::stoull(number)] = e;
  }
  return out;
}

// The indexer's diagnostics for each line of `file`: "FILE:LINE: message".
std::map<std::uint64_t, std::string> diagnostics(const std::string& err, const std::string& file) {
  std::map<std::uint64_t, std::string> out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(file + ":")) continue;
    const std::size_t colon = line.find(':', file.size() + 1);
    out[std::stoull(line.substr(file.size() + 1, colon - file.size() - 1))] +=
        line.substr(colon + 2);
  }
  return out;
}

}  // namespace

TEST_CASE("every nasty article has its expected outcome", "[hostile]") {
  const auto expected = expected_articles();
  REQUIRE(expected.size() == 29);
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string file = (kHostile / "articles.jsonl").string();
  const auto r =
      run(quote(test::kIndexer) + " --db " + quote(db) + " --report json " + quote(file));
  INFO(r.err);
  CHECK(r.exit_code == 1);  // some records skipped
  const auto said = diagnostics(r.err, file);

  std::uint64_t indexed = 0, skipped = 0;
  Searcher searcher(db);
  for (const auto& [line, e] : expected) {
    INFO("line " << line << ": " << e.outcome << " " << e.detail);
    const auto message = said.find(line);
    if (e.outcome == "skipped") {
      ++skipped;
      REQUIRE(message != said.end());
      CHECK_THAT(message->second, Catch::Contains(e.detail));
      CHECK_THAT(message->second, !Catch::Contains("warning:"));
      continue;
    }
    if (e.outcome == "ignored") {
      CHECK(message == said.end());
      continue;
    }
    ++indexed;
    if (e.outcome == "warning") {
      REQUIRE(message != said.end());
      CHECK_THAT(message->second, Catch::Contains("warning: " + e.detail));
    } else {
      CHECK(message == said.end());
    }
    SearchRequest request;
    request.query = e.query;
    const auto hits = test::ids(searcher.search(request));
    INFO("query " << e.query);
    CHECK(std::any_of(hits.begin(), hits.end(), [&](const std::string& id) {
      return e.outcome == "warning" || id.starts_with(e.detail);
    }));
  }
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["added"] == indexed);
  CHECK(report["skipped"] == skipped);
  CHECK(searcher.document_count() == indexed);

  // Control characters are gone from what is stored, so no output can carry them.
  const auto controls = searcher.article("controls");
  REQUIRE(controls);
  for (char c : controls->title + controls->body) CHECK(static_cast<unsigned char>(c) >= 0x20);

  // With --repair, the invalid UTF-8 lines are kept too, with a warning each.
  const auto repaired =
      run(quote(test::kIndexer) + " --db " + quote(dir / "repaired") + " --repair " + quote(file));
  const auto repaired_said = diagnostics(repaired.err, file);
  for (std::uint64_t line : {2, 3, 4}) {
    INFO("line " << line);
    REQUIRE(repaired_said.count(line) == 1);
    CHECK_THAT(repaired_said.at(line), Catch::Contains("warning: invalid UTF-8 replaced"));
  }
}

TEST_CASE("every nasty query has its expected outcome on the command line and over HTTP",
          "[hostile]") {
  std::ifstream in(kHostile / "queries.tsv", std::ios::binary);
  test::RunningServer server(test::corpus_db());
  auto client = server.client();
  int checked = 0;
  for (std::string line; std::getline(in, line); ++checked) {
    const std::size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    const int exit_code = std::stoi(line.substr(0, tab1));
    const bool note = line.substr(tab1 + 1, tab2 - tab1 - 1) == "yes";
    const std::string query = line.substr(tab2 + 1);
    INFO("query (first 60 bytes): " << query.substr(0, 60));
    const auto r = run(quote(test::kSearcher) + " --db " + quote(test::corpus_db()) +
                       " --format ids -- " + quote(query));
    CHECK(r.exit_code == exit_code);
    CHECK((r.err.find("note:") != std::string::npos) == note);

    // Over HTTP, the same; except that a request line over 8 KB is refused as too long.
    const std::string target = "/search?q=" + httplib::detail::encode_query_param(query);
    const auto res = client.Get(target);
    REQUIRE(res);
    const auto j = nlohmann::json::parse(res->body);
    if (target.size() > 8000) {
      CHECK(res->status == 414);
      CHECK(j.contains("error"));
      continue;
    }
    if (exit_code == 2) {  // a usage error on the command line is a bad request over HTTP
      CHECK(res->status == 400);
      CHECK(j.contains("error"));
      continue;
    }
    CHECK(res->status == 200);
    CHECK(j["hits"].empty() == (exit_code == 1));
  }
  CHECK(checked == 35);
}

TEST_CASE("a 100 MB body is skipped without holding it, and its neighbours are kept", "[hostile]") {
  test::TempDir dir;
  const auto file = dir / "big.jsonl";
  {
    std::ofstream out(file, std::ios::binary);
    out << R"({"id":"before","title":"Before","body":"the record before"})" << '\n';
    out << R"({"id":"huge","title":"Huge","body":")";
    const std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 100; ++i) out << chunk;
    out << "\"}\n";
    out << R"({"id":"after","title":"After","body":"the record after"})" << '\n';
  }
  const auto r =
      run(quote(test::kIndexer) + " --db " + quote(dir / "db") + " --report json " + quote(file));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(file.string() + ":2: record of 100.0 MB is over the 16"));
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["added"] == 2);
  CHECK(report["skipped"] == 1);
}

TEST_CASE("a million tiny lines: one text article, and blank JSON lines ignored", "[hostile]") {
  test::TempDir dir;
  {
    std::ofstream text(dir / "lines.txt");
    text << "A title of a million lines\n\n";
    for (int i = 0; i < 1000000; ++i) text << (i % 1000 == 0 ? "needle\n" : "w\n");
    std::ofstream jsonl(dir / "blank.jsonl");
    for (int i = 0; i < 1000000; ++i) jsonl << (i % 2 ? "\n" : "  \r\n");
    jsonl << R"({"id":"last","title":"After a million blank lines","body":"found"})" << '\n';
  }
  const auto r = run(quote(test::kIndexer) + " --db " + quote(dir / "db") + " --report json " +
                     quote(dir / "lines.txt") + " " + quote(dir / "blank.jsonl"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["added"] == 2);
  Searcher searcher((dir / "db").string());
  SearchRequest request;
  request.query = "needle";
  CHECK(test::ids(searcher.search(request)) == std::vector<std::string>{"lines.txt"});
  request.query = "found";
  CHECK(test::ids(searcher.search(request)) == std::vector<std::string>{"last"});
}
