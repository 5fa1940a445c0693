// The search page in a real browser: headless Chromium loads the page served by
// `searcher serve`, the page runs the search in the URL as if typed, and the rendered DOM is
// checked against the API's own answer.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "search_fixture.h"
#include "server_process.h"

using namespace dateline;

namespace {

// The DOM after the page's scripts ran (virtual time lets fetch() and rendering finish).
std::string rendered_dom(const std::string& url, const test::TempDir& dir) {
  const auto r = test::run(
      "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--disable-dev-shm-usage "
      "--user-data-dir=" +
      test::quote(dir / "profile") + " --virtual-time-budget=10000 --dump-dom " + test::quote(url));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::vector<std::string> all_matches(const std::string& text, const std::regex& pattern) {
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("the search page renders the API's hits, highlighted and escaped", "[browser]") {
  REQUIRE(test::run("command -v chromium").exit_code == 0);  // scripts/packages.txt installs it
  test::TempDir dir;
  test::ServeProcess server(test::corpus_db(), dir / "serve.log");
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());

  httplib::Client client("127.0.0.1", server.port());
  const auto api = nlohmann::json::parse(
      client.Get("/search?q=oil%20prices&limit=10&facet=source&facet=lang&facet=year&facet=tag")
          ->body);
  REQUIRE(api["hits"].size() == 10);

  const std::string dom = rendered_dom(base + "/?q=oil%20prices", dir);
  // Every hit, in the API's order: the id is the last part of each hit's meta line.
  const auto ids = all_matches(dom, std::regex(R"(<div class="meta">[^<]*· ([^ <]+)</div>)"));
  REQUIRE(ids.size() == 10);
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == api["hits"][i]["id"]);

  // Highlights came from the byte ranges: every marked word is a form of a query word.
  const auto marks = all_matches(dom, std::regex(R"(<mark>([^<]*)</mark>)"));
  REQUIRE(marks.size() >= 10);
  for (const std::string& mark : marks) {
    INFO(mark);
    const auto words = test::words_of(mark);
    REQUIRE(words.size() == 1);
    CHECK((words[0] == "oil" || words[0].rfind("pric", 0) == 0));
  }
  // The total (exact, as the page asks for facets), facets to refine by, paging offered.
  const std::string total = std::to_string(api["total"]["estimate"].get<int>());
  CHECK(dom.find("1–10 of " + total) != std::string::npos);
  CHECK(std::regex_search(dom, std::regex(R"(<button class="facet" type="button">Reuters</button> )"
                                          R"(<span class="count">)" +
                                          total + "</span>")));
  CHECK(std::regex_search(dom, std::regex(R"(<nav id="pages">)")));

  // Titles are text, never markup: "<SHC.TO>" arrives escaped.
  const std::string shell = rendered_dom(base + "/?q=title%3Ashell", dir);
  CHECK(shell.find("&lt;SHC.TO&gt;") != std::string::npos);
  CHECK(shell.find("<shc.to>") == std::string::npos);

  // And the server logged each request the page made.
  CHECK(server.log().find("\"GET /search?q=oil+prices") != std::string::npos);
}
