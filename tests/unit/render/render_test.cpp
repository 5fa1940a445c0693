// The renderers: results as data in, text out; no search runs here.
#include "dateline/render.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace dateline;

namespace {

SearchResults sample() {
  SearchResults r;
  r.query = "oil prices";
  r.estimate = 12;
  r.lower = 10;
  r.upper = 14;
  SearchHit hit;
  hit.rank = 1;
  hit.score = 9.48130001;
  hit.article = Article{.id = "r\"1",
                        .title = "OIL PRICES RISE",
                        .body = "b",
                        .date = "1987-03-02",
                        .authors = {"Ann Lee"},
                        .source = "Reuters",
                        .lang = "en",
                        .tags = {"crude"}};
  hit.snippet = Snippet{.text = "…oil prices rose…", .highlights = {{3, 6}, {7, 13}}};
  hit.title_highlights = {{0, 3}};
  hit.story.id = "s1";
  r.hits.push_back(hit);
  r.facets.push_back(Facet{FacetField::kSource, {{"Reuters", 12}}});
  r.suggestion = "oil prices";
  r.took_ms = 1.23456;
  return r;
}

}  // namespace

TEST_CASE("render_json has the fields of PRODUCT.md, in order", "[render]") {
  SearchRequest request;
  request.query = "oil prices";
  const auto j = nlohmann::ordered_json::parse(render_json(sample(), request, {}));
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"query", "total", "offset", "limit", "took_ms",
                                         "suggestion", "notes", "hits", "facets", "collapse",
                                         "timeline"});
  CHECK(j["notes"] == nlohmann::json::array());
  CHECK(j["total"] == nlohmann::json{{"estimate", 12}, {"lower", 10}, {"upper", 14}});
  CHECK(j["took_ms"] == 1.235);
  const auto& hit = j["hits"][0];
  CHECK(hit["id"] == "r\"1");
  CHECK(hit["score"] == 9.4813);
  CHECK(hit["url"].is_null());
  CHECK(hit["author"] == nlohmann::json::array({"Ann Lee"}));
  CHECK(hit["tags"] == nlohmann::json::array({"crude"}));
  CHECK(hit["snippet"]["highlights"] == nlohmann::json::parse("[[3,6],[7,13]]"));
  CHECK(j["facets"]["source"][0] == nlohmann::ordered_json{{"value", "Reuters"}, {"count", 12}});
  CHECK(j["collapse"] == "none");
  CHECK(j["timeline"].is_null());
  CHECK(hit["story"] == nlohmann::json{{"id", "s1"}});
  const auto untimed =
      nlohmann::json::parse(render_json(sample(), request, RenderOptions{.include_timing = false}));
  CHECK_FALSE(untimed.contains("took_ms"));
}

TEST_CASE("collapsed results show each story's copies, totals of stories, and the timeline",
          "[render]") {
  SearchResults r = sample();
  r.collapsed = true;
  r.articles = 12;
  r.stories = 9;
  r.estimate = r.lower = r.upper = 12;
  r.facets.clear();
  r.hits[0].story = Story{.id = "s1",
                          .copies = 3,
                          .sources = {"Reuters", "AP"},
                          .first_seen = "1987-03-01",
                          .versions = {{"r0", "OIL UP", "AP", "1987-03-01"},
                                       {"r\"1", "OIL PRICES RISE", "Reuters", "1987-03-02"},
                                       {"r2", "OIL RISES", "Reuters", "1987-03-02"}}};
  r.timeline = Timeline{TimelinePeriod::kDay,
                        {{"1987-03-01", "1987-03-01", "1987-03-01", 4, 3},
                         {"1987-03-02", "1987-03-02", "1987-03-02", 0, 0},
                         {"1987-03-03", "1987-03-03", "1987-03-03", 8, 6}},
                        0};
  CHECK(render_text(r, RenderOptions{.include_timing = false}) ==
        "  1. OIL PRICES RISE\n"
        "     1987-03-02 · Reuters · r\"1\n"
        "     3 versions since 1987-03-01: Reuters, AP\n"
        "     …oil prices rose…\n"
        "\n"
        "12 results in 9 stories\n"
        "timeline day: 1987-03-01 ▄ █ 1987-03-03 (peak 1987-03-03: 8 articles, 6 stories)\n");
  const auto j = nlohmann::json::parse(render_json(r, {}, {}));
  CHECK(j["total"]["stories"] == 9);
  CHECK(j["total"]["articles"] == 12);
  CHECK(j["collapse"] == "story");
  CHECK(j["hits"][0]["story"]["copies"] == 3);
  CHECK(j["hits"][0]["story"]["first_seen"] == "1987-03-01");
  CHECK(j["hits"][0]["story"]["sources"] == nlohmann::json::array({"Reuters", "AP"}));
  CHECK(j["hits"][0]["story"]["versions"].size() == 3);
  CHECK(j["timeline"]["period"] == "day");
  CHECK(j["timeline"]["buckets"][2] == nlohmann::json{{"period", "1987-03-03"},
                                                      {"from", "1987-03-03"},
                                                      {"to", "1987-03-03"},
                                                      {"articles", 8},
                                                      {"stories", 6}});
}

TEST_CASE("render_text prints rank, title, date · source · id, snippet and total", "[render]") {
  const std::string plain = render_text(sample(), RenderOptions{.include_timing = false});
  CHECK(plain ==
        "  1. OIL PRICES RISE\n"
        "     1987-03-02 · Reuters · r\"1\n"
        "     …oil prices rose…\n"
        "\n"
        "10 to 14 results\n"
        "source: Reuters (12)\n");
  const std::string colored =
      render_text(sample(), RenderOptions{.color = true, .include_timing = false});
  CHECK_THAT(colored, Catch::Contains("\033[1;33moil\033[0m"));
  CHECK(colored.find('\033') != std::string::npos);
}

TEST_CASE("the total is exact when proven, else the range that holds it", "[render]") {
  SearchResults r;
  r.estimate = r.lower = r.upper = 1;
  CHECK(describe_total(r) == "1 result");
  r.estimate = r.lower = r.upper = 209;
  CHECK(describe_total(r) == "209 results");
  r.lower = 40;
  r.upper = 889;
  CHECK(describe_total(r) == "40 to 889 results");
}

TEST_CASE("render_marked puts tags around highlights, escaping the text for HTML", "[render]") {
  const std::string text = "<b>oil</b> & gas";
  const std::vector<ByteRange> ranges = {{3, 6}, {13, 16}};
  CHECK(render_marked(text, ranges, HighlightMarkup{}) ==
        "&lt;b&gt;<mark>oil</mark>&lt;/b&gt; &amp; <mark>gas</mark>");
  CHECK(render_marked(text, ranges,
                      HighlightMarkup{.open = "[", .close = "]", .escape_html = false}) ==
        "<b>[oil]</b> & [gas]");
}

TEST_CASE("render_highlighted marks byte ranges and ignores ranges outside the text", "[render]") {
  struct Case {
    std::string text;
    std::vector<ByteRange> ranges;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"oil price", {{0, 3}}, "\033[1;33moil\033[0m price"},
      {"oil price", {{0, 3}, {4, 9}}, "\033[1;33moil\033[0m \033[1;33mprice\033[0m"},
      {"oil", {{5, 9}}, "oil"},
      {"oil", {}, "oil"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(render_highlighted(c.text, c.ranges, true) == c.expected);
    CHECK(render_highlighted(c.text, c.ranges, false) == c.text);
  }
}

TEST_CASE("ids and TREC lines", "[render]") {
  CHECK(render_ids(sample()) == "r\"1\n");
  CHECK(render_trec(sample(), "q7") == "q7 Q0 r\"1 1 9.4813 dateline\n");
  CHECK(render_trec(sample(), "") == "0 Q0 r\"1 1 9.4813 dateline\n");
}

TEST_CASE("an article as JSON has every field of the input format", "[render]") {
  const auto j = nlohmann::json::parse(render_article_json(sample().hits[0].article));
  CHECK(j["tags"] == nlohmann::json::array({"crude"}));
  CHECK(j["url"].is_null());
  CHECK(j["body"] == "b");
}
