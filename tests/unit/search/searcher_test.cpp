#include "dateline/search.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "support/search_fixture.h"

using namespace dateline;
using test::ids;
using test::search;
using test::search_all;
using test::words_of;

namespace {

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool adjacent(const std::vector<std::string>& words, const std::string& a, const std::string& b) {
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == a && words[i + 1] == b) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a phrase finds only articles with the words adjacent", "[search]") {
  struct Case {
    std::string a, b;
  };
  for (const Case& c :
       std::vector<Case>{{"oil", "prices"}, {"central", "bank"}, {"trade", "surplus"}}) {
    INFO(c.a << " " << c.b);
    const auto phrase = search_all("\"" + c.a + " " + c.b + "\"");
    const auto both = search_all("+" + c.a + " +" + c.b);
    REQUIRE_FALSE(phrase.hits.empty());
    CHECK(phrase.hits.size() < both.hits.size());  // some have both words apart
    for (const auto& hit : phrase.hits) {
      INFO(hit.article.id);
      CHECK((adjacent(words_of(hit.article.body), c.a, c.b) ||
             adjacent(words_of(hit.article.title), c.a, c.b)));
    }
  }
}

TEST_CASE("NOT and -word exclude, +word requires", "[search]") {
  const auto oil = search_all("oil");
  for (const std::string& query : {std::string("oil NOT crude"), std::string("oil -crude")}) {
    INFO(query);
    const auto without = search_all(query);
    CHECK(without.hits.size() < oil.hits.size());
    CHECK_FALSE(without.hits.empty());
    for (const auto& hit : without.hits) {
      CHECK_FALSE(contains(words_of(hit.article.title + " " + hit.article.body), "crude"));
    }
  }
  for (const auto& hit : search_all("+opec price").hits) {
    CHECK(contains(words_of(hit.article.title + " " + hit.article.body), "opec"));
  }
}

TEST_CASE("field prefixes search only their field", "[search]") {
  const auto in_title = search_all("title:bank");
  const auto anywhere = search_all("bank");
  REQUIRE_FALSE(in_title.hits.empty());
  CHECK(in_title.hits.size() < anywhere.hits.size());
  for (const auto& hit : in_title.hits) {
    bool found = false;  // "bank" or a word of the same stem ("banks")
    for (const auto& w : words_of(hit.article.title)) found |= w.starts_with("bank");
    CHECK(found);
  }

  struct Case {
    std::string query;
    std::function<bool(const Article&)> holds;
  };
  const std::vector<Case> cases = {
      {"tag:cocoa", [](const Article& a) { return contains(a.tags, "cocoa"); }},
      {"lang:de", [](const Article& a) { return a.lang == "de"; }},
      {"source:reuters", [](const Article& a) { return a.source == "Reuters"; }},
      {"lang:ja source:Peachy",
       [](const Article& a) { return a.source.find("Peachy") != std::string::npos; }},
      {"id:1", [](const Article& a) { return a.id == "1"; }},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    const auto results = search_all(c.query);
    REQUIRE_FALSE(results.hits.empty());
    for (const auto& hit : results.hits) CHECK(c.holds(hit.article));
  }
  CHECK(search_all("lang:de").hits.size() == 50);
}

TEST_CASE("date ranges keep the articles inside them, boundaries included", "[search]") {
  struct Case {
    std::string range, from, to;  // inclusive bounds on the article's date
  };
  const std::vector<Case> cases = {
      {"date:1987-03-02..1987-03-05", "1987-03-02", "1987-03-05"},
      {"date:1987-04", "1987-04-01", "1987-04-31"},
      {"date:1987..1987", "1987", "1987-99"},
      {"date:..1987-03-01", "0000", "1987-03-01"},
  };
  // Count by hand over every article in the database, to compare with the search.
  const auto everything = search_all("date:1000..9999");
  for (const auto& c : cases) {
    INFO(c.range);
    const auto results = search_all(c.range);
    std::size_t expected = 0;
    for (const auto& hit : everything.hits) {
      expected += hit.article.date >= c.from && hit.article.date <= c.to;
    }
    CHECK(results.hits.size() == expected);
    CHECK(expected > 0);
    for (const auto& hit : results.hits) {
      CHECK(hit.article.date >= c.from);
      CHECK(hit.article.date <= c.to);
    }
  }
  // Boundaries: an article dated exactly on each end is found.
  const auto edge = search_all("date:1987-03-02..1987-03-02");
  REQUIRE_FALSE(edge.hits.empty());
  for (const auto& hit : edge.hits) CHECK(hit.article.date == "1987-03-02");
}

TEST_CASE("sorting by date orders newest or oldest first, ties by id", "[search]") {
  SearchRequest newest;
  newest.sort = SortOrder::kNewest;
  SearchRequest oldest;
  oldest.sort = SortOrder::kOldest;
  const auto down = search_all("oil", newest);
  const auto up = search_all("oil", oldest);
  REQUIRE(down.hits.size() > 10);
  for (std::size_t i = 1; i < down.hits.size(); ++i) {
    const auto& a = down.hits[i - 1].article;
    const auto& b = down.hits[i].article;
    CHECK((a.date > b.date || (a.date == b.date && a.id < b.id)));
  }
  for (std::size_t i = 1; i < up.hits.size(); ++i) {
    const auto& a = up.hits[i - 1].article;
    const auto& b = up.hits[i].article;
    CHECK((a.date < b.date || (a.date == b.date && a.id < b.id)));
  }
}

TEST_CASE("relevance ties are ordered by id, so output is deterministic", "[search]") {
  const auto results = search_all("lang:de");  // a filter: every score is equal
  REQUIRE(results.hits.size() > 1);
  for (std::size_t i = 1; i < results.hits.size(); ++i) {
    CHECK(results.hits[i - 1].article.id < results.hits[i].article.id);
  }
}

TEST_CASE("facet counts equal the counts of the filtered searches", "[search]") {
  SearchRequest request;
  request.facets = {FacetField::kLang, FacetField::kYear, FacetField::kTag};
  const auto results = search("oil OR öl OR نفط OR the", request);
  REQUIRE(results.facets.size() == 3);
  for (const auto& v : results.facets[0].values) {
    INFO("lang " << v.value);
    CHECK(search_all("(oil OR öl OR نفط OR the) lang:" + v.value).hits.size() == v.count);
  }
  for (const auto& v : results.facets[1].values) {
    INFO("year " << v.value);
    CHECK(search_all("(oil OR öl OR نفط OR the) date:" + v.value).hits.size() == v.count);
  }
  for (const auto& v : results.facets[2].values) {
    INFO("tag " << v.value);
    std::size_t n = 0;
    for (const auto& hit : search_all("oil OR öl OR نفط OR the").hits)
      n += contains(hit.article.tags, v.value);
    CHECK(n == v.count);
  }
}

TEST_CASE("pages: offset 10 limit 10 equals hits 11-20 of 20", "[search]") {
  for (const std::string& query :
       {std::string("oil"), std::string("the"), std::string("lang:en")}) {
    INFO(query);
    SearchRequest twenty;
    twenty.limit = 20;
    SearchRequest page;
    page.offset = 10;
    page.limit = 10;
    const auto all = ids(search(query, twenty));
    const auto second = search(query, page);
    REQUIRE(all.size() == 20);
    CHECK(ids(second) == std::vector<std::string>(all.begin() + 10, all.end()));
    CHECK(second.hits.front().rank == 11);
  }
}

TEST_CASE("NEAR, prefix* and stems find what they promise", "[search]") {
  for (const auto& hit : search_all("export*").hits) {
    bool found = false;
    for (const auto& w : words_of(hit.article.title + " " + hit.article.body))
      found |= w.starts_with("export");
    CHECK(found);
  }
  const auto near = search_all("oil NEAR prices");
  REQUIRE_FALSE(near.hits.empty());
  CHECK(near.hits.size() <= search_all("+oil +prices").hits.size());
  // "chips" finds "chip" (stems), "ALIBABA" finds "Alibaba" (case).
  CHECK(ids(search("chips")).size() > 1);
  CHECK(ids(search("ALIBABA")) == std::vector<std::string>{"seed/000_fc10ff2354e6af4e.txt"});
}

TEST_CASE("more like this finds related articles, not the article itself", "[search]") {
  SearchRequest like;
  like.like_id = "1";  // the Bahia cocoa review
  const auto results = search("", like);
  REQUIRE_FALSE(results.hits.empty());
  CHECK_FALSE(contains(ids(results), "1"));
  // The closest article shares many of the source's longer words.
  const auto source = words_of(test::search_all("id:1").hits.at(0).article.body);
  const auto top = words_of(results.hits[0].article.title + " " + results.hits[0].article.body);
  std::set<std::string> shared;
  for (const auto& w : top) {
    if (w.size() >= 5 && contains(source, w)) shared.insert(w);
  }
  INFO(results.hits[0].article.id);
  CHECK(shared.size() >= 5);
  like.like_id = "no-such-id";
  CHECK(search("", like).hits.empty());
}

TEST_CASE("misspelt words get a suggestion that is in the database", "[search]") {
  struct Case {
    std::string query, suggestion;
  };
  for (const Case& c :
       std::vector<Case>{{"petroleom", "petroleum"}, {"bank inflaton", "bank inflation"}}) {
    INFO(c.query);
    const auto results = search(c.query);
    REQUIRE(results.suggestion.has_value());
    CHECK(*results.suggestion == c.suggestion);
  }
  CHECK_FALSE(search("petroleum").suggestion.has_value());
}

TEST_CASE("feedback reorders the hits of natural-language queries and changes nothing else",
          "[search][feedback]") {
  const std::string sentence = "what did the oil producing countries decide about prices";
  SearchRequest never;
  never.feedback = Feedback::kNever;
  const auto plain = test::search_all(sentence, never);
  const auto fed = test::search_all(sentence);
  CHECK(fed.feedback);
  CHECK_FALSE(plain.feedback);
  // The same articles match, with the same totals; only the order may differ.
  auto a = test::ids(plain), b = test::ids(fed);
  CHECK(fed.estimate == plain.estimate);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(a == b);
  CHECK(test::ids(fed) != test::ids(plain));

  // Not for keyword queries, operators, or other orders than relevance; unless asked.
  CHECK_FALSE(test::search("oil prices opec").feedback);
  CHECK_FALSE(test::search("\"oil producing\" countries decide about prices").feedback);
  CHECK_FALSE(test::search("oil producing countries decide title:prices").feedback);
  SearchRequest by_date;
  by_date.sort = SortOrder::kNewest;
  CHECK_FALSE(test::search(sentence, by_date).feedback);
  SearchRequest always;
  always.feedback = Feedback::kAlways;
  CHECK(test::search("oil", always).feedback);
  // Parenthesised words among words are still plain words.
  CHECK(test::search("oil (producing countries) decide prices").feedback);
}

TEST_CASE("languages() lists the languages of the database's articles", "[search]") {
  // corpus/ holds German, Japanese, English and Arabic news (corpus/README.md)
  Searcher searcher(test::corpus_db());
  const std::vector<std::string> languages = searcher.languages();
  CHECK(std::is_sorted(languages.begin(), languages.end()));
  for (const char* lang : {"ar", "de", "en", "ja"}) CHECK(contains(languages, lang));
  CHECK_FALSE(contains(languages, "fr"));
}
