// Stories when searching: one hit per story with exact copy counts, totals of articles and
// stories, and timelines, the same over one database and 3 shards.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "dateline/index.h"
#include "dateline/search.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

// The labelled pairs' articles (many stories of 2 and more copies) and corpus/news, indexed
// once as one database and once as 3 shards.
struct Databases {
  TempDir dir;
  std::vector<Article> articles;
  Databases() {
    articles = test::story_pair_articles();
    for (Article& a : test::corpus_news_articles()) articles.push_back(std::move(a));
    for (std::size_t shards : {1, 3}) {
      IndexOptions options;
      options.shards = shards;
      options.threads = 2;
      Index index(path(shards), options);
      for (const Article& a : articles) index.add(a);
      index.commit();
    }
  }
  std::string path(std::size_t shards) const {
    return (dir / (shards == 1 ? "one" : "three")).string();
  }
};

const Databases& databases() {
  static const Databases dbs;
  return dbs;
}

// 50 queries: a word of the title of every 13th article (words of 5 letters or more).
std::vector<std::string> queries() {
  std::vector<std::string> out;
  const auto& articles = databases().articles;
  for (std::size_t i = 0; out.size() < 50 && i < articles.size() * 13; i += 13) {
    const std::string& title = articles[i % articles.size()].title;
    std::string word;
    for (char c : title + " ") {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word += c;
        continue;
      }
      if (word.size() >= 5) break;
      word.clear();
    }
    if (word.size() >= 5 && std::find(out.begin(), out.end(), word) == out.end()) {
      out.push_back(word);
    }
  }
  return out;
}

SearchResults search(Searcher& searcher, const std::string& query, Collapse collapse,
                     std::uint32_t limit) {
  SearchRequest request;
  request.query = query;
  request.collapse = collapse;
  request.limit = limit;
  request.snippet_chars = 0;
  return searcher.search(request);
}

}  // namespace

TEST_CASE("collapse: one hit per story, and copies counted exactly, over 1 database and 3 shards",
          "[stories]") {
  const auto list = queries();
  REQUIRE(list.size() == 50);
  std::size_t multi_copy_hits = 0;
  for (std::size_t shards : {1, 3}) {
    Searcher searcher(databases().path(shards));
    for (const std::string& query : list) {
      INFO(shards << " shard(s), query " << query);
      const SearchResults all = search(searcher, query, Collapse::kNone, 100000);
      std::map<std::string, std::uint64_t> by_story;
      for (const SearchHit& hit : all.hits) ++by_story[hit.story.id];
      for (std::uint32_t offset : {0u, 10u}) {
        SearchRequest request;
        request.query = query;
        request.offset = offset;
        request.snippet_chars = 0;
        const SearchResults page = searcher.search(request);
        CHECK(page.collapsed);
        CHECK(page.articles == all.hits.size());
        CHECK(page.stories == by_story.size());
        request.story_versions = false;  // what the text output asks: the same but the list
        const SearchResults brief = searcher.search(request);
        REQUIRE(brief.hits.size() == page.hits.size());
        std::set<std::string> seen;
        for (std::size_t i = 0; i < page.hits.size(); ++i) {
          const SearchHit& hit = page.hits[i];
          CHECK(seen.insert(hit.story.id).second);
          CHECK(hit.story.copies == by_story.at(hit.story.id));
          CHECK(hit.story.versions.size() == hit.story.copies);
          CHECK(hit.story.first_seen == hit.story.versions.front().date);
          multi_copy_hits += hit.story.copies > 1;
          const Story& story = brief.hits[i].story;
          CHECK(story.id == hit.story.id);
          CHECK(story.copies == hit.story.copies);
          CHECK(story.sources == hit.story.sources);
          CHECK(story.first_seen == hit.story.first_seen);
          CHECK(story.versions.empty());
        }
      }
    }
  }
  CHECK(multi_copy_hits >= 20);  // the test saw stories of several copies
}

TEST_CASE("collapse: 1 database and 3 shards give the same collapsed results", "[stories]") {
  Searcher one(databases().path(1)), three(databases().path(3));
  for (const std::string& query : queries()) {
    INFO(query);
    const SearchResults a = search(one, query, Collapse::kStory, 10);
    const SearchResults b = search(three, query, Collapse::kStory, 10);
    REQUIRE(a.hits.size() == b.hits.size());
    CHECK(a.stories == b.stories);
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      CHECK(a.hits[i].article.id == b.hits[i].article.id);
      CHECK(a.hits[i].story.copies == b.hits[i].story.copies);
      CHECK(a.hits[i].story.sources == b.hits[i].story.sources);
      CHECK(a.hits[i].story.first_seen == b.hits[i].story.first_seen);
    }
  }
}

TEST_CASE("timeline: counts per period equal counts of date-filtered uncollapsed searches",
          "[stories]") {
  const std::vector<std::string> list = {"said", "oil", "bank", "Regierung"};
  for (std::size_t shards : {1, 3}) {
    Searcher searcher(databases().path(shards));
    for (TimelinePeriod period : {TimelinePeriod::kDay, TimelinePeriod::kWeek,
                                  TimelinePeriod::kMonth, TimelinePeriod::kYear}) {
      for (const std::string& query : list) {
        INFO(shards << " shard(s), " << name_of(period) << ", query " << query);
        SearchRequest request;
        request.query = query;
        request.timeline = period;
        request.collapse = Collapse::kNone;
        const SearchResults results = searcher.search(request);
        REQUIRE(results.timeline);
        std::uint64_t dated = 0;
        for (const TimelineBucket& bucket : results.timeline->buckets) {
          const SearchResults hand =
              search(searcher, query + " date:" + bucket.first_day + ".." + bucket.last_day,
                     Collapse::kNone, 100000);
          std::set<std::string> stories;
          for (const SearchHit& hit : hand.hits) stories.insert(hit.story.id);
          CHECK(bucket.articles == hand.hits.size());
          CHECK(bucket.stories == stories.size());
          dated += bucket.articles;
        }
        CHECK(dated + results.timeline->undated == results.articles);
        CHECK(results.articles > 0);
      }
    }
  }
}
