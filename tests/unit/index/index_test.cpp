// The public Index: articles given through the library are finished as the readers' are, and
// the same article stored the same way whichever way it came in.
#include "dateline/index.h"

#include <xapian.h>

#include <catch2/catch.hpp>

#include "dateline/errors.h"
#include "dateline/indexing.h"
#include "dateline/search.h"
#include "index/schema.h"
#include "index/stored_article.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

class QuietObserver : public IndexingObserver {
 public:
  void on_diagnostic(std::string_view, bool) override {}
};

// Everything Xapian holds of one document: terms with wdf and positions, values, data.
std::string dump(const Xapian::Database& db, const std::string& id) {
  auto posting = db.postlist_begin(schema::id_term(id));
  REQUIRE(posting != db.postlist_end(schema::id_term(id)));
  const Xapian::Document doc = db.get_document(*posting);
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += *t + " wdf=" + std::to_string(t.get_wdf()) + " pos=";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      out += std::to_string(*p) + ",";
    }
    out += "\n";
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    out += "value " + std::to_string(v.get_valueno()) + "=" + *v + "\n";
  }
  return out + "data=" + doc.get_data() + "\n";
}

const std::string kUrl = "https://example.org/2026/03/02/port-strike";

}  // namespace

TEST_CASE("the same article as JSONL, text, HTML and through Index::add is stored the same",
          "[index]") {
  TempDir dir;
  test::write_file(
      dir / "in" / "a.jsonl",
      R"({"title":"Port strike ends","body":"Dock workers in Hamburg returned to work.",)"
      R"("date":"2026-03-02T08:30:00+01:00","author":"Ann Lee","source":"Wire",)"
      R"("url":")" +
          kUrl +
          R"(","lang":"en","tags":["labour"]})"
          "\n");
  test::write_file(dir / "in" / "a.txt",
                   "Title: Port strike ends\nDate: Mon, 02 Mar 2026 08:30:00 +0100\n"
                   "Author: Ann Lee\nSource: Wire\nURL: " +
                       kUrl +
                       "\nLang: en\nTags: labour\n\n"
                       "Dock workers in Hamburg returned to work.\n");
  test::write_file(
      dir / "in" / "a.html",
      "<html lang=\"en\"><head><title>Port strike ends</title>"
      "<meta property=\"article:published_time\" content=\"2026-03-02T08:30:00+01:00\">"
      "<meta name=\"author\" content=\"Ann Lee\">"
      "<link rel=\"canonical\" href=\"" +
          kUrl +
          "\"></head>"
          "<body><article><p>Dock workers in Hamburg returned to work.</p></article>"
          "</body></html>");
  std::vector<std::string> dumps;
  for (const char* file : {"a.jsonl", "a.txt", "a.html"}) {
    const auto db = (dir / (std::string("db-") + file)).string();
    QuietObserver observer;
    const IndexSummary summary =
        run_indexing(db, {(dir / "in" / file).string()}, IndexingOptions{}, observer);
    REQUIRE(summary.added == 1);
    dumps.push_back(dump(Xapian::Database(db), kUrl));
  }
  {
    const auto db = (dir / "db-library").string();
    Index index(db);
    CHECK(index
              .add(Article{.title = " Port strike ends ",
                           .body = "Dock workers in Hamburg returned to work.",
                           .date = "March 2, 2026 8:30 am +0100",
                           .authors = {"Ann Lee"},
                           .source = "Wire",
                           .url = kUrl,
                           .lang = "EN-gb",
                           .tags = {"labour"}})
              .empty());
    index.commit();
    dumps.push_back(dump(Xapian::Database(db), kUrl));
  }
  // HTML has no source or tags of its own; compare it on what it has.
  CHECK(dumps[0] == dumps[1]);
  CHECK(dumps[0] == dumps[3]);
  const Article html =
      from_stored(Xapian::Database((dir / "db-a.html").string()).get_document(1).get_data());
  CHECK(html.id == kUrl);
  CHECK(html.title == "Port strike ends");
}

TEST_CASE("Index::add finishes articles as the readers do", "[index]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  {
    Index index(db);
    const auto warnings = index.add(Article{.id = "esc",
                                            .title = "\x1b[2JScreen wiped",
                                            .body = "Body.",
                                            .date = "March 2, 2026",
                                            .lang = "EN-gb"});
    CHECK(warnings.empty());
    const auto bad_date = index.add(Article{.id = "d", .title = "T", .date = "soon"});
    REQUIRE(bad_date.size() == 1);
    CHECK_THAT(bad_date[0], Catch::Contains("unreadable date"));
    index.add(Article{.title = "No id", .body = "Derived from the content."});
    CHECK_THROWS_AS(index.add(Article{.id = "empty"}), UsageError);
    CHECK_THROWS_AS(index.add(Article{.id = "bad", .title = "\xff"}), UsageError);
    index.commit();
    CHECK(index.counts().added == 3);
  }
  Searcher searcher(db);
  SearchRequest request;
  request.query = "date:2026 lang:en";
  const SearchResults found = searcher.search(request);
  REQUIRE(found.hits.size() == 1);
  CHECK(found.hits[0].article.id == "esc");
  CHECK(found.hits[0].article.title == "[2JScreen wiped");
  CHECK(found.hits[0].article.date == "2026-03-02");
  request.query = "derived";
  REQUIRE(searcher.search(request).hits.size() == 1);
  CHECK(searcher.search(request).hits[0].article.id.starts_with("h-"));
}
