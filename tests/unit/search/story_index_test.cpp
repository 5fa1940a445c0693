// The in-memory story index (search/story_index.h): each document's story and day as its slots
// say, and searches that count from it answer as searches that read the slots.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "dateline/index.h"
#include "dateline/search.h"
#include "index/schema.h"
#include "search/story_index.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

std::vector<Article> story_articles() {
  std::vector<Article> articles = test::story_pair_articles();
  for (Article& a : test::corpus_news_articles()) articles.push_back(std::move(a));
  return articles;
}

void write(const std::string& path, const std::vector<Article>& articles, bool stories = true) {
  IndexOptions options;
  options.stories = stories;
  Index index(path, options);
  for (const Article& a : articles) index.add(a);
  index.commit();
}

SearchRequest request_for(const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.limit = 20;
  request.snippet_chars = 0;
  return request;
}

// What a collapsed search says of its stories, for comparing two searches.
void check_same_stories(const SearchResults& a, const SearchResults& b) {
  CHECK(a.articles == b.articles);
  CHECK(a.stories == b.stories);
  REQUIRE(a.hits.size() == b.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    const Story& x = a.hits[i].story;
    const Story& y = b.hits[i].story;
    CHECK(a.hits[i].article.id == b.hits[i].article.id);
    CHECK(x.id == y.id);
    CHECK(x.copies == y.copies);
    CHECK(x.sources == y.sources);
    CHECK(x.first_seen == y.first_seen);
    REQUIRE(x.versions.size() == y.versions.size());
    for (std::size_t v = 0; v < x.versions.size(); ++v) CHECK(x.versions[v].id == y.versions[v].id);
  }
  REQUIRE(a.timeline.has_value() == b.timeline.has_value());
  if (!a.timeline) return;
  CHECK(a.timeline->undated == b.timeline->undated);
  REQUIRE(a.timeline->buckets.size() == b.timeline->buckets.size());
  for (std::size_t i = 0; i < a.timeline->buckets.size(); ++i) {
    CHECK(a.timeline->buckets[i].period == b.timeline->buckets[i].period);
    CHECK(a.timeline->buckets[i].articles == b.timeline->buckets[i].articles);
    CHECK(a.timeline->buckets[i].stories == b.timeline->buckets[i].stories);
  }
}

}  // namespace

TEST_CASE("story index: every document's story and day as its slots say", "[stories]") {
  TempDir dir;
  const std::string path = (dir / "db").string();
  write(path, story_articles());
  const Xapian::Database db(path);
  const auto index = StoryIndex::read(db);
  REQUIRE(index);
  std::set<std::string> stories;
  std::size_t documents = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const std::string story = doc.get_value(schema::kStorySlot);
    REQUIRE_FALSE(story.empty());
    const std::uint32_t number = index->story_of(*it);
    REQUIRE(number < index->story_count());
    CHECK(index->story_id(number) == story);
    CHECK(index->number_of(story) == number);
    const std::string day_story = doc.get_value(schema::kDayStorySlot);
    CHECK(index->day(index->day_of(*it)) == day_story.substr(0, day_story.find('\x1f')));
    stories.insert(story);
    ++documents;
  }
  CHECK(documents > 100);
  CHECK(index->story_count() == stories.size());
  CHECK(stories.size() < documents);  // the pairs' copies share stories
  CHECK_FALSE(index->number_of("0123456789abcdef0"));
  CHECK_FALSE(index->number_of("not a story"));
  CHECK(index->story_of(db.get_lastdocid() + 1) == StoryIndex::kNoStory);
}

TEST_CASE("story index: none for a story id the indexer does not write", "[stories]") {
  TempDir dir;
  const std::string path = (dir / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_value(schema::kDayStorySlot, schema::day_story_value("2024-03-01", "0123456789abcdef"));
    db.add_document(doc);
    REQUIRE(StoryIndex::read(db));
    doc.add_value(schema::kDayStorySlot, schema::day_story_value("2024-03-01", "STORY"));
    db.add_document(doc);
    db.commit();
  }
  CHECK_FALSE(StoryIndex::read(Xapian::Database(path)));
}

TEST_CASE("story index: searches counting from it answer as searches reading the slots",
          "[stories]") {
  // ... and counting in a thread of their own, beside the page's snippets (count_beside()).
  TempDir dir;
  const std::string path = (dir / "db").string();
  const std::vector<Article> articles = story_articles();
  write(path, articles);
  // A Searcher's first search that counts stories reads the slots; its next ones, the index.
  std::size_t compared = 0;
  for (const char* query : {"oil", "said", "bank", "minister", "Regierung", "market"}) {
    for (const bool timeline : {false, true}) {
      INFO(query << (timeline ? " with a timeline" : ""));
      SearchRequest request = request_for(query);
      if (timeline) request.timeline = TimelinePeriod::kWeek;
      request.facets = {FacetField::kSource, FacetField::kYear};
      request.snippet_chars = 200;
      Searcher searcher(path);
      const SearchResults from_slots = searcher.search(request);
      const SearchResults from_index = searcher.search(request);
      REQUIRE(from_slots.collapsed);
      check_same_stories(from_slots, from_index);
      CHECK(from_slots.estimate == from_index.estimate);
      CHECK(from_slots.lower == from_index.lower);
      CHECK(from_slots.upper == from_index.upper);
      REQUIRE(from_slots.facets.size() == 2);
      REQUIRE(from_index.facets.size() == 2);
      for (std::size_t f = 0; f < 2; ++f) {
        REQUIRE(from_slots.facets[f].values.size() == from_index.facets[f].values.size());
        for (std::size_t v = 0; v < from_slots.facets[f].values.size(); ++v) {
          CHECK(from_slots.facets[f].values[v].value == from_index.facets[f].values[v].value);
          CHECK(from_slots.facets[f].values[v].count == from_index.facets[f].values[v].count);
        }
      }
      for (std::size_t i = 0; i < from_slots.hits.size(); ++i) {
        CHECK(from_slots.hits[i].snippet.text == from_index.hits[i].snippet.text);
      }
      compared += from_slots.hits.size();
    }
  }
  CHECK(compared > 50);
}

TEST_CASE("counting beside the page: exact totals and facets of an uncollapsed search",
          "[stories]") {
  TempDir dir;
  const std::string path = (dir / "db").string();
  write(path, story_articles());
  for (const char* query : {"oil", "said", "bank"}) {
    INFO(query);
    SearchRequest request = request_for(query);
    request.collapse = Collapse::kNone;
    request.exact_count = true;
    request.facets = {FacetField::kSource};
    Searcher searcher(path);
    const SearchResults after = searcher.search(request);   // counted after the snippets
    const SearchResults beside = searcher.search(request);  // counted beside them
    request.limit = 100000;
    const SearchResults all = searcher.search(request);
    CHECK(after.lower == all.hits.size());
    CHECK(after.upper == all.hits.size());
    CHECK(beside.estimate == all.hits.size());
    CHECK(beside.lower == all.hits.size());
    CHECK(beside.upper == all.hits.size());
    REQUIRE(beside.facets.size() == 1);
    std::uint64_t counted = 0;
    for (const FacetValue& value : beside.facets[0].values) counted += value.count;
    CHECK(counted == all.hits.size());
  }
}

TEST_CASE("story index: read again when the database changes", "[stories]") {
  TempDir dir;
  const std::string path = (dir / "db").string();
  std::vector<Article> articles = story_articles();
  write(path, articles);
  Searcher searcher(path);
  const SearchRequest request = request_for("oil");
  searcher.search(request);
  const SearchResults before = searcher.search(request);  // counted from the index
  REQUIRE_FALSE(before.hits.empty());
  // A copy of the first hit under another id: its story gains a copy.
  auto copy = searcher.article(before.hits.front().article.id);
  REQUIRE(copy);
  copy->id += "-copy";
  write(path, {*copy});
  const SearchResults after = searcher.search(request);
  CHECK(after.articles == before.articles + 1);
  bool found = false;
  for (const SearchHit& hit : after.hits) {
    if (hit.story.id != before.hits.front().story.id) continue;
    found = true;
    CHECK(hit.story.copies == before.hits.front().story.copies + 1);
  }
  CHECK(found);
}

TEST_CASE("stories: an article without a story counts as a story of its own", "[stories]") {
  TempDir dir;
  const std::string path = (dir / "db").string();
  write(path, story_articles(), /*stories=*/false);
  for (const bool timeline : {false, true}) {
    SearchRequest request = request_for("oil");
    request.limit = 100000;
    if (timeline) request.timeline = TimelinePeriod::kMonth;
    Searcher searcher(path);
    for (int search = 0; search < 2; ++search) {  // from the slots, then from the index
      INFO("search " << search << (timeline ? " with a timeline" : ""));
      const SearchResults results = searcher.search(request);
      REQUIRE(results.hits.size() > 10);
      CHECK(results.articles == results.hits.size());
      CHECK(results.stories == results.hits.size());
      for (const SearchHit& hit : results.hits) CHECK(hit.story.copies == 1);
    }
  }
}
