// The search page in a real browser: headless Chromium, driven over the DevTools protocol,
// loads the page served by `searcher serve`, a query is typed into the box and Enter pressed,
// and what the page then shows is checked against the API's own answer; then paging and a
// facet are clicked with the mouse.
#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/index.h"
#include "support/devtools.h"
#include "support/search_fixture.h"
#include "support/server_process.h"

using namespace dateline;
using nlohmann::json;

namespace {

// The ids of the hits the page shows: the last part of each hit's "date · source · id" line
// (its own, not its versions').
constexpr const char* kShownIds =
    "[...document.querySelectorAll('.hit > .meta')].map(e => e.textContent.split(' · ').pop())";

std::vector<std::string> api_ids(httplib::Client& client, const std::string& query,
                                 int offset = 0) {
  const auto j = json::parse(client
                                 .Get("/search?q=" + test::url_encoded(query) +
                                      "&limit=10&offset=" + std::to_string(offset))
                                 ->body);
  std::vector<std::string> out;
  for (const auto& hit : j["hits"]) out.push_back(hit["id"]);
  return out;
}

}  // namespace

TEST_CASE("a query typed into the search page shows the API's hits, highlighted and escaped",
          "[browser]") {
  REQUIRE(test::run("command -v chromium").exit_code == 0);  // scripts/packages.txt installs it
  test::TempDir dir;
  test::ServeProcess server(test::corpus_db(), dir / "serve.log");
  httplib::Client client("127.0.0.1", server.port());
  test::DevTools browser(dir / "profile");
  browser.open("http://127.0.0.1:" + std::to_string(server.port()) + "/");

  // Type the query and press Enter, as a person would.
  browser.click("#q");
  browser.type("oil prices");
  browser.press_enter();
  REQUIRE(browser.wait_for("document.querySelectorAll('.hit').length === 10"));
  CHECK(browser.evaluate(kShownIds).get<std::vector<std::string>>() ==
        api_ids(client, "oil prices"));
  CHECK(browser.evaluate("location.search") ==
        "?q=oil+prices&sort=relevance&offset=0&timeline=month");

  // Highlights came from the byte ranges: every marked word is a form of a query word.
  const auto marks = browser
                         .evaluate(
                             "[...document.querySelectorAll('mark')].map(m => "
                             "m.textContent)")
                         .get<std::vector<std::string>>();
  REQUIRE(marks.size() >= 10);
  for (const std::string& mark : marks) {
    INFO(mark);
    const auto words = test::words_of(mark);
    REQUIRE(words.size() == 1);
    CHECK((words[0] == "oil" || words[0].rfind("pric", 0) == 0));
  }
  const auto api = json::parse(
      client.Get("/search?q=oil%20prices&limit=10&facet=source&facet=lang&facet=year&facet=tag")
          ->body);
  const std::string total = std::to_string(api["total"]["estimate"].get<int>());
  CHECK(browser.evaluate("document.getElementById('status').textContent")
            .get<std::string>()
            .starts_with("1–10 of " + total));

  // The next page, by mouse.
  browser.click("#next");
  REQUIRE(browser.wait_for("document.getElementById('page').textContent === 'page 2'"));
  REQUIRE(
      browser.wait_for("document.querySelector('.hit .meta') && "
                       "document.getElementById('status').textContent.startsWith('11–')"));
  CHECK(browser.evaluate(kShownIds).get<std::vector<std::string>>() ==
        api_ids(client, "oil prices", 10));

  // A facet value refines the query.
  browser.click("button.facet");
  REQUIRE(browser.wait_for("document.getElementById('q').value.includes('source:')"));
  const std::string refined = browser.evaluate("document.getElementById('q').value");
  CHECK(refined == "oil prices source:\"Reuters\"");
  REQUIRE(browser.wait_for("document.getElementById('status').textContent.startsWith('1–')"));
  CHECK(browser.evaluate(kShownIds).get<std::vector<std::string>>() == api_ids(client, refined));

  // Titles are text, never markup: "<SHC.TO>" arrives escaped.
  browser.evaluate("document.getElementById('q').value = ''");
  browser.click("#q");
  browser.type("title:shell canada");
  browser.press_enter();
  REQUIRE(
      browser.wait_for("[...document.querySelectorAll('.hit .title')].some(t => "
                       "t.textContent.includes('<SHC.TO>'))"));
  CHECK(browser.evaluate("document.getElementById('hits').innerHTML")
            .get<std::string>()
            .find("&lt;SHC.TO&gt;") != std::string::npos);
  CHECK(browser.evaluate("document.querySelectorAll('#hits shc\\\\.to').length") == 0);

  // And the server logged each request the page made.
  CHECK(server.log().find("\"GET /search?q=oil+prices") != std::string::npos);
}

TEST_CASE("a title opens the article to read, its words marked, and back returns to the hits",
          "[browser]") {
  REQUIRE(test::run("command -v chromium").exit_code == 0);
  test::TempDir dir;
  test::ServeProcess server(test::corpus_db(), dir / "serve.log");
  test::DevTools browser(dir / "profile");
  browser.open("http://127.0.0.1:" + std::to_string(server.port()) + "/?q=cocoa");
  REQUIRE(browser.wait_for("document.querySelectorAll('.hit').length > 0"));
  const std::string first_id =
      browser.evaluate("document.querySelector('.hit .meta').textContent.split(' · ').pop()");
  browser.click(".hit .title");
  REQUIRE(
      browser.wait_for("!document.getElementById('reader').hidden && "
                       "document.querySelectorAll('#reader-body mark').length > 0"));
  CHECK(browser.evaluate("new URLSearchParams(location.search).get('doc')") == first_id);
  CHECK(browser.evaluate("document.getElementById('results').hidden") == true);
  // The whole body is shown, and every mark is a form of the query's word.
  httplib::Client client("127.0.0.1", server.port());
  const auto doc = json::parse(client.Get("/doc/" + test::url_encoded(first_id))->body);
  CHECK(browser.evaluate("document.getElementById('reader-body').textContent") == doc["body"]);
  for (const auto& mark : browser
                              .evaluate("[...document.querySelectorAll('#reader mark')].map(m => "
                                        "m.textContent.toLowerCase())")
                              .get<std::vector<std::string>>()) {
    CHECK(mark == "cocoa");
  }
  browser.click("#back");
  REQUIRE(
      browser.wait_for("document.getElementById('reader').hidden && "
                       "document.querySelectorAll('.hit').length > 0"));
  CHECK(browser.evaluate("location.search").get<std::string>().find("doc=") == std::string::npos);
}

TEST_CASE("right-to-left text runs right to left, and the page fits a phone", "[browser]") {
  REQUIRE(test::run("command -v chromium").exit_code == 0);
  test::TempDir dir;
  test::ServeProcess server(test::corpus_db(), dir / "serve.log");
  test::DevTools browser(dir / "profile");
  browser.open("http://127.0.0.1:" + std::to_string(server.port()) +
               "/?q=" + test::url_encoded("الأخبار"));
  browser.emulate_screen(400, 800);
  REQUIRE(browser.wait_for("document.querySelectorAll('.hit').length > 0"));
  CHECK(browser.evaluate("getComputedStyle(document.querySelector('.hit .title')).direction") ==
        "rtl");
  CHECK(browser.evaluate("getComputedStyle(document.querySelector('.hit .snippet')).direction") ==
        "rtl");
  // An English title next to them stays left to right.
  browser.navigate("http://127.0.0.1:" + std::to_string(server.port()) + "/?q=cocoa");
  REQUIRE(
      browser.wait_for("location.search.startsWith('?q=cocoa') && "
                       "document.querySelectorAll('.hit').length > 0"));
  CHECK(browser.evaluate("getComputedStyle(document.querySelector('.hit .title')).direction") ==
        "ltr");
  // At 400 px everything of the form is on screen, and nothing scrolls sideways.
  CHECK(browser.evaluate("window.innerWidth") == 400);
  for (const char* selector : {"#q", "#sort", "#search button"}) {
    INFO(selector);
    CHECK(browser.evaluate("document.querySelector('" + std::string(selector) +
                           "').getBoundingClientRect().right <= window.innerWidth") == true);
  }
  CHECK(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth") == true);
}

TEST_CASE("a story shows its versions on a click, and a timeline bar filters to its period",
          "[browser]") {
  REQUIRE(test::run("command -v chromium").exit_code == 0);
  test::TempDir dir;
  // The labelled pairs of tests/data/stories (stories of several copies) and corpus/news
  // (dates over years), in one database.
  const std::string db = (dir / "stories").string();
  {
    Index index(db);
    for (const Article& a : test::story_pair_articles()) index.add(a);
    for (const Article& a : test::corpus_news_articles()) index.add(a);
    index.commit();
  }
  test::ServeProcess server(db, dir / "serve.log");
  httplib::Client client("127.0.0.1", server.port());
  // A query whose first page has a story of several copies: a word of such a story's title.
  std::string query;
  json story_hit;
  for (const Article& a : test::story_pair_articles()) {
    const auto words = test::words_of(a.title);
    const auto word = std::find_if(words.begin(), words.end(),
                                   [](const std::string& w) { return w.size() >= 6; });
    if (word == words.end()) continue;
    const auto j = json::parse(client.Get("/search?limit=10&q=" + test::url_encoded(*word))->body);
    for (const auto& hit : j["hits"]) {
      if (hit.contains("story") && hit["story"]["copies"].get<int>() > 2) story_hit = hit;
    }
    if (!story_hit.is_null()) {
      query = *word;
      break;
    }
  }
  REQUIRE_FALSE(query.empty());
  INFO("query: " << query << ", hit " << story_hit["id"]);

  test::DevTools browser(dir / "profile");
  browser.open("http://127.0.0.1:" + std::to_string(server.port()) +
               "/?q=" + test::url_encoded(query));
  REQUIRE(browser.wait_for("document.querySelectorAll('.hit').length > 0"));
  // The hit says how many versions its story has, since when and from where; a click lists them.
  const std::string hit_of_story =
      "[...document.querySelectorAll('.hit')].find(h => h.querySelector('.meta').textContent"
      ".endsWith(' · ' + " +
      story_hit["id"].dump() + "))";
  const int copies = story_hit["story"]["copies"];
  CHECK(browser.evaluate(hit_of_story + ".querySelector('details.versions summary').textContent")
            .get<std::string>()
            .starts_with(std::to_string(copies) + " versions since " +
                         story_hit["story"]["first_seen"].get<std::string>()));
  CHECK(browser.evaluate(hit_of_story + ".querySelector('details.versions').open") == false);
  browser.evaluate(hit_of_story +
                   ".querySelector('details.versions summary').id = 'story-summary'");
  browser.click("#story-summary");
  REQUIRE(browser.wait_for(hit_of_story + ".querySelector('details.versions').open"));
  std::vector<std::string> expected_versions;
  for (const auto& version : story_hit["story"]["versions"])
    expected_versions.push_back(version["id"]);
  CHECK(browser
            .evaluate("[..." + hit_of_story +
                      ".querySelectorAll('details.versions li .meta')].map(m => "
                      "m.textContent.split(' · ').pop())")
            .get<std::vector<std::string>>() == expected_versions);
  CHECK(expected_versions.size() == static_cast<std::size_t>(copies));

  // The timeline: one bar per month of the API's timeline, as tall as its count.
  const auto api = json::parse(
      client.Get("/search?limit=10&timeline=month&q=" + test::url_encoded(query))->body);
  const auto& buckets = api["timeline"]["buckets"];
  REQUIRE(buckets.size() > 0);
  CHECK(browser.evaluate("document.querySelectorAll('#timeline rect').length") == buckets.size());
  std::size_t busiest = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (buckets[i]["articles"] > buckets[busiest]["articles"]) busiest = i;
  }
  CHECK(browser.evaluate("document.querySelectorAll('#timeline rect')[" + std::to_string(busiest) +
                         "].getAttribute('height')") == "100");
  // A click on the busiest bar filters to its month, and the page shows what the API gives.
  browser.evaluate("document.querySelectorAll('#timeline rect')[" + std::to_string(busiest) +
                   "].id = 'busiest'");
  browser.click("#busiest");
  const std::string filter = "date:" + buckets[busiest]["from"].get<std::string>() + ".." +
                             buckets[busiest]["to"].get<std::string>();
  REQUIRE(
      browser.wait_for("document.getElementById('q').value.endsWith(" + json(filter).dump() + ")"));
  const std::string refined = query + " " + filter;
  CHECK(browser.evaluate("document.getElementById('q').value") == refined);
  REQUIRE(browser.wait_for("location.search.includes('date%3A')"));
  REQUIRE(browser.wait_for("document.querySelectorAll('#timeline rect').length === 1"));
  CHECK(browser.evaluate(kShownIds).get<std::vector<std::string>>() == api_ids(client, refined));
}
