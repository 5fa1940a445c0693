// The HTTP API (server.h) on a real socket of 127.0.0.1: the same answers as the CLI, the
// article by id, clear errors for bad requests, new articles seen without a restart.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "dateline/index.h"
#include "dateline/server.h"
#include "support/running_server.h"
#include "support/search_fixture.h"

using namespace dateline;
using nlohmann::json;

namespace {

json without_timing(json j) {
  j.erase("took_ms");
  return j;
}

}  // namespace

TEST_CASE("/search answers exactly what searcher --format json prints", "[http]") {
  test::RunningServer server(test::corpus_db());
  auto client = server.client();
  const auto queries = test::mixed_queries();
  REQUIRE(queries.size() == 50);
  for (const std::string& q : queries) {
    INFO(q);
    const auto cli =
        test::run(test::quote(test::kSearcher) + " --db " + test::quote(test::corpus_db()) +
                  " --format json --limit 20 --facet lang --facet year -- " + test::quote(q));
    REQUIRE(cli.exit_code <= 1);
    const auto res =
        client.Get("/search?q=" + test::url_encoded(q) + "&limit=20&facet=lang&facet=year");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(without_timing(json::parse(res->body)) == without_timing(json::parse(cli.out)));
  }
}

TEST_CASE("/search pages, sorts and explains itself like the CLI", "[http]") {
  test::RunningServer server(test::corpus_db());
  auto client = server.client();
  const auto all = json::parse(client.Get("/search?q=oil&limit=20")->body);
  const auto page2 = json::parse(client.Get("/search?q=oil&limit=10&offset=10")->body);
  REQUIRE(all["hits"].size() == 20);
  REQUIRE(page2["hits"].size() == 10);
  for (std::size_t i = 0; i < 10; ++i) CHECK(page2["hits"][i]["id"] == all["hits"][i + 10]["id"]);
  CHECK(page2["hits"][0]["rank"] == 11);

  const auto newest = json::parse(client.Get("/search?q=oil&sort=date&limit=50")->body);
  for (std::size_t i = 1; i < newest["hits"].size(); ++i) {
    CHECK(newest["hits"][i - 1]["date"].get<std::string>() >=
          newest["hits"][i]["date"].get<std::string>());
  }
  const auto misspelt = json::parse(client.Get("/search?q=petroleom")->body);
  CHECK(misspelt["suggestion"] == "petroleum");
}

TEST_CASE("/doc/ID returns the whole article or 404 for an unknown id", "[http]") {
  test::RunningServer server(test::corpus_db());
  auto client = server.client();
  Searcher searcher(test::corpus_db());
  std::vector<std::string> ids;
  for (const char* q : {"oil", "Regierung", "スピーチ", "الأخبار"}) {
    const auto found = test::ids(test::search(q));
    REQUIRE(!found.empty());
    ids.insert(ids.end(), found.begin(), found.begin() + std::min<std::size_t>(found.size(), 3));
  }
  for (const std::string& id : ids) {
    INFO(id);
    const auto stored = searcher.article(id);
    REQUIRE(stored);
    const auto res = client.Get("/doc/" + test::url_encoded(id));
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto j = json::parse(res->body);
    CHECK(j["id"] == id);
    CHECK(j["title"] == stored->title);
    CHECK(j["body"] == stored->body);
  }
  const auto missing = client.Get("/doc/no-such-article");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(json::parse(missing->body)["error"].get<std::string>().find("no-such-article") !=
        std::string::npos);
}

TEST_CASE("bad parameters and requests get 4xx with a JSON error", "[http]") {
  test::RunningServer server(test::corpus_db(), ServerOptions{.max_limit = 100});
  auto client = server.client();
  const std::vector<std::pair<std::string, int>> cases = {
      {"/search", 400},
      {"/search?q=", 400},
      {"/search?q=%20%20", 400},
      {"/search?q=oil&limit=abc", 400},
      {"/search?q=oil&limit=-1", 400},
      {"/search?q=oil&limit=101", 400},
      {"/search?q=oil&limit=1e3", 400},
      {"/search?q=oil&offset=99999999999999999999", 400},
      {"/search?q=oil&sort=sideways", 400},
      {"/search?q=oil&facet=colour", 400},
      {"/search?q=oil&colour=red", 400},
      {"/search?q=oil&q=gas", 400},
      {"/search?q=oil&limit=5&limit=6", 400},
      {"/search?like=no-such-article", 404},
      {"/search?q=oil&like=no-such-article", 404},
      {"/search?q=oil%ZZ", 400},
      {"/search?q=oil%4", 400},
      {"/nowhere", 404},
      {"/../../etc/passwd", 404},
      {"/doc/", 404},
  };
  for (const auto& [target, status] : cases) {
    INFO(target);
    const auto res = client.Get(target);
    REQUIRE(res);
    CHECK(res->status == status);
    const auto j = json::parse(res->body, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(!j["error"].get<std::string>().empty());
  }
  // The message names what is wrong.
  CHECK(json::parse(client.Get("/search?q=oil&q=gas")->body)["error"].get<std::string>().find(
            "\"q\" is given more than once") != std::string::npos);
  CHECK(json::parse(client.Get("/search?like=no-such-article")->body)["error"] ==
        "no article with id no-such-article");
  CHECK(client.Post("/search?q=oil", "x", "text/plain")->status == 405);
  CHECK(client.Get("/search?q=" + std::string(10000, 'a'))->status == 414);
  // Invalid UTF-8 (well percent-encoded) is repaired, as on the command line.
  const auto repaired = client.Get("/search?q=oil%FF");
  REQUIRE(repaired->status == 200);
  CHECK(json::parse(repaired->body)["query"] == "oil\xEF\xBF\xBD");
}

TEST_CASE("facet may be repeated; like=ID finds articles like a known one", "[http]") {
  test::RunningServer server(test::corpus_db());
  auto client = server.client();
  const auto faceted = client.Get("/search?q=oil&facet=source&facet=year");
  REQUIRE(faceted->status == 200);
  CHECK(json::parse(faceted->body)["facets"].size() == 2);
  const std::string id = test::ids(test::search("oil")).at(0);
  const auto like = client.Get("/search?like=" + test::url_encoded(id));
  REQUIRE(like->status == 200);
  CHECK(!json::parse(like->body)["hits"].empty());
}

TEST_CASE("/health and the search page", "[http]") {
  test::RunningServer server(test::corpus_db());
  auto client = server.client();
  const auto health = client.Get("/health");
  REQUIRE(health->status == 200);
  CHECK(json::parse(health->body)["documents"] == Searcher(test::corpus_db()).document_count());
  const auto page = client.Get("/");
  REQUIRE(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->get_header_value("Content-Security-Policy").starts_with("default-src 'none'"));
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(health->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(client.Get("/nowhere")->get_header_value("X-Content-Type-Options") == "nosniff");
  // HEAD: the headers of GET, no body.
  const auto head = client.Head("/health");
  REQUIRE(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Length") == std::to_string(health->body.size()));
  CHECK(page->body.find("<form id=\"search\"") != std::string::npos);
  // Self-contained: no script, style or image from anywhere else.
  for (const char* external : {"src=\"http", "href=\"http", "@import", "url(http"}) {
    CHECK(page->body.find(external) == std::string::npos);
  }
}

TEST_CASE("articles committed while the server runs are found within a second", "[http]") {
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  Index index(db);
  index.add({.id = "a1", .title = "Harbour news", .body = "The ferry left on time.", .lang = "en"});
  index.commit();
  test::RunningServer server(db);
  auto client = server.client();
  CHECK(json::parse(client.Get("/search?q=zanzibar")->body)["hits"].empty());

  for (int round = 0; round < 3; ++round) {
    const std::string word = std::string("zanzibar") + char('a' + round);
    index.add(
        {.id = "z" + std::to_string(round), .title = "Spice islands", .body = word, .lang = "en"});
    index.commit();
    const auto committed = std::chrono::steady_clock::now();
    bool found = false;
    while (!found && std::chrono::steady_clock::now() - committed < std::chrono::seconds(1)) {
      found = !json::parse(client.Get("/search?q=" + word)->body)["hits"].empty();
      if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(found);
  }
}

TEST_CASE("many clients at once all get correct answers", "[http]") {
  test::RunningServer server(test::corpus_db(), ServerOptions{.threads = 8});
  const auto queries = test::mixed_queries();
  std::vector<std::string> expected;
  {
    auto client = server.client();
    for (const auto& q : queries) {
      expected.push_back(
          json::parse(client.Get("/search?q=" + test::url_encoded(q))->body)["hits"].dump());
    }
  }
  std::atomic<int> wrong{0}, answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 24; ++c) {
    clients.emplace_back([&, c] {
      auto client = server.client();
      for (std::size_t i = 0; i < queries.size(); ++i) {
        const std::size_t k = (i + c) % queries.size();
        const auto res = client.Get("/search?q=" + test::url_encoded(queries[k]));
        if (!res || res->status != 200 || json::parse(res->body)["hits"].dump() != expected[k]) {
          ++wrong;
        }
        ++answered;
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(answered == 24 * static_cast<int>(queries.size()));
  CHECK(wrong == 0);
}
