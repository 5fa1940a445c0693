// The page of a collapsed search from the uncollapsed ranking and the story index
// (search/page_match.h) is the page Xapian's collapse gives: the same hits in the same order,
// at every offset, also where the ranking must be fetched deeper or Xapian's collapse takes over.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>

#include "dateline/index.h"
#include "index/schema.h"
#include "search/page_match.h"
#include "search/story_index.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

// The pairs' stories and corpus/news, and `copies` copies of one article (one story of that
// many copies, which ranks first for its own words).
std::string write_database(const TempDir& dir, std::size_t copies, bool stories = true) {
  const std::string path = (dir / "db").string();
  IndexOptions options;
  options.stories = stories;
  Index index(path, options);
  std::vector<Article> articles = test::story_pair_articles();
  for (Article& a : test::corpus_news_articles()) articles.push_back(std::move(a));
  for (const Article& a : articles) index.add(a);
  Article copy = articles.front();
  const std::string id = copy.id;
  for (std::size_t i = 0; i < copies; ++i) {
    copy.id = id + "-copy-" + std::to_string(i);
    index.add(copy);
  }
  index.commit();
  return path;
}

// Newest first, then by id, as the searcher sorts by date.
void newest_first(Xapian::MultiValueKeyMaker& keys) {
  keys.add_value(schema::kDateSlot, true);
  keys.add_value(schema::kIdSlot);
}

// By relevance, ties by id; or by `by_date` when given.
Xapian::Enquire enquire_for(const Xapian::Database& db, const std::string& word,
                            Xapian::KeyMaker* by_date = nullptr) {
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Z" + word), Xapian::Query("ZS" + word)));
  if (by_date) {
    enquire.set_sort_by_key(by_date, false);
  } else {
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, false);
  }
  return enquire;
}

// Xapian's collapsed page against match_page's from the index, for `words` at several offsets;
// the most matches match_page ran for one page.
int check_pages(const std::string& path, const std::vector<std::string>& words,
                Xapian::KeyMaker* by_date = nullptr) {
  int most_matches = 0;
  std::size_t pages_with_hits = 0;
  const Xapian::Database db(path);
  const auto index = StoryIndex::read(db);
  REQUIRE(index);
  for (const std::string& word : words) {
    for (Xapian::doccount offset : {0u, 3u, 10u}) {
      for (Xapian::doccount limit : {1u, 10u, 25u}) {
        INFO(word << " offset " << offset << " limit " << limit);
        Xapian::Enquire by_xapian = enquire_for(db, word, by_date);
        by_xapian.set_collapse_key(schema::kStorySlot);
        const Xapian::MSet expected = by_xapian.get_mset(offset, limit);
        Xapian::Enquire ranked = enquire_for(db, word, by_date);
        int matches = 0;
        const Page page = match_page(ranked, offset, limit, true, &*index, [&] { ++matches; });
        most_matches = std::max(most_matches, matches);
        pages_with_hits += !expected.empty();
        REQUIRE(page.hits.size() == expected.size());
        REQUIRE(page.stories.size() == expected.size());
        std::size_t i = 0;
        for (auto it = expected.begin(); it != expected.end(); ++it, ++i) {
          CHECK(*page.hits[i] == *it);
          CHECK(page.stories[i] == it.get_collapse_key());
        }
      }
    }
  }
  CHECK(pages_with_hits >= words.size() * 6);  // the words match
  return most_matches;
}

}  // namespace

TEST_CASE("page match: the collapsed page from the ranking is Xapian's", "[stories]") {
  TempDir dir;
  CHECK(check_pages(write_database(dir, 0), {"oil", "said", "bank", "market", "price"}) <= 2);
}

TEST_CASE("page match: newest first, the collapsed page is Xapian's", "[stories]") {
  TempDir dir;
  Xapian::MultiValueKeyMaker by_date;
  newest_first(by_date);
  check_pages(write_database(dir, 30), {"oil", "said", "bank", "market", "price"}, &by_date);
}

TEST_CASE("page match: articles without a story each stand alone, as in Xapian's collapse",
          "[stories]") {
  TempDir dir;
  CHECK(check_pages(write_database(dir, 30, /*stories=*/false), {"oil", "said", "bank"}) == 1);
}

TEST_CASE("page match: a story of many copies on top, fetched deeper or collapsed by Xapian",
          "[stories]") {
  // 30 copies: a page of 10 needs a second, deeper ranking; 400: Xapian's collapse takes over.
  for (std::size_t copies : {30u, 400u}) {
    TempDir dir;
    const std::string path = write_database(dir, copies);
    const Xapian::Database db(path);
    // The words of the copied article's title, stemmed as the index has them.
    std::vector<std::string> words;
    const Xapian::Document first = db.get_document(*db.postlist_begin(
        std::string(schema::kIdPrefix) + test::story_pair_articles().front().id + "-copy-0"));
    for (auto t = first.termlist_begin(); t != first.termlist_end() && words.size() < 3; ++t) {
      const std::string term = *t;
      if (term.rfind("ZS", 0) == 0 && term.size() > 4) words.push_back(term.substr(2));
    }
    REQUIRE_FALSE(words.empty());
    INFO(copies << " copies");
    CHECK(check_pages(path, words) == (copies == 30 ? 2 : kTries + 1));
  }
}

TEST_CASE("page match: uncollapsed, the page is Xapian's", "[stories]") {
  TempDir dir;
  const Xapian::Database db(write_database(dir, 0));
  Xapian::Enquire plain = enquire_for(db, "oil");
  const Xapian::MSet expected = plain.get_mset(5, 10);
  Xapian::Enquire enquire = enquire_for(db, "oil");
  int matches = 0;
  const Page page = match_page(enquire, 5, 10, false, nullptr, [&] { ++matches; });
  CHECK(matches == 1);
  REQUIRE(page.hits.size() == expected.size());
  CHECK(page.stories.empty());
  std::size_t i = 0;
  for (auto it = expected.begin(); it != expected.end(); ++it) CHECK(*page.hits[i++] == *it);
}
