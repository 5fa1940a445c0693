#include "index/shard_writer.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "dateline/errors.h"
#include "dateline/indexing.h"
#include "index/schema.h"
#include "index/stored_article.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;
namespace fs = std::filesystem;

namespace {

class RecordingObserver : public IndexingObserver {
 public:
  void on_diagnostic(std::string_view line, bool is_error) override {
    (is_error ? errors : warnings).emplace_back(line);
  }
  std::vector<std::string> errors, warnings;
};

IndexSummary index_paths(const fs::path& db, const std::vector<std::string>& paths,
                         IndexingOptions options = {}) {
  RecordingObserver observer;
  return run_indexing(db.string(), paths, options, observer);
}

std::set<std::string> terms_with_prefix(const Xapian::Document& doc, std::string_view prefix) {
  std::set<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if ((*it).starts_with(prefix)) out.insert(*it);
  }
  return out;
}

std::string corpus() { return test::corpus_dir().string(); }

}  // namespace

TEST_CASE("indexing the corpus stores one document per id, again and again", "[index]") {
  TempDir dir;
  const fs::path db = dir / "db";
  const IndexSummary first = index_paths(db, {corpus()});
  CHECK(first.skipped == 0);
  CHECK(first.added == 411);  // 410 JSONL articles (distinct ids) and the seed
  CHECK(Xapian::Database(db.string()).get_doccount() == 411);

  const auto size_before = test::folder_bytes(db);
  const IndexSummary again = index_paths(db, {corpus()});
  CHECK(again.unchanged == 411);
  CHECK(again.added + again.updated == 0);
  CHECK(test::folder_bytes(db) == size_before);
  CHECK(Xapian::Database(db.string()).get_doccount() == 411);
}

TEST_CASE("a changed article is updated, alone, and a deleted one is gone", "[index]") {
  TempDir dir;
  const fs::path db = dir / "db";
  const fs::path input = dir / "reuters.jsonl";
  fs::copy_file(test::corpus_dir() / "news" / "reuters21578.jsonl", input);
  REQUIRE(index_paths(db, {input.string()}).added == 300);

  std::string text = test::read_file(input);
  const std::string from = "Showers continued throughout the week";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "Heavy rain fell all through the week");
  test::write_file(input, text);
  const IndexSummary changed = index_paths(db, {input.string()});
  CHECK(changed.updated == 1);
  CHECK(changed.unchanged == 299);

  Xapian::Database reader(db.string());
  const std::string id = schema::id_term("1");  // the cocoa review is Reuters article 1
  auto posting = reader.postlist_begin(id);
  REQUIRE(posting != reader.postlist_end(id));
  CHECK(reader.get_document(*posting).get_data().find("Heavy rain fell") != std::string::npos);
  CHECK(reader.get_termfreq(id) == 1);

  IndexingOptions remove;
  remove.delete_ids = {"1", "no-such-id"};
  const IndexSummary deleted = index_paths(db, {}, remove);
  CHECK(deleted.deleted == 1);
  CHECK(deleted.warnings == 1);
  reader.reopen();
  CHECK(reader.get_termfreq(id) == 0);
  CHECK(reader.get_doccount() == 299);
}

TEST_CASE("documents carry the fields under their prefixes, values and stored article", "[index]") {
  TempDir dir;
  const fs::path db = dir / "db";
  index_paths(db, {(test::corpus_dir() / "news" / "reuters21578.jsonl").string()});
  Xapian::Database reader(db.string());
  const std::string id = schema::id_term("1");
  const Xapian::Document doc = reader.get_document(*reader.postlist_begin(id));
  // {"id": "1", "title": "BAHIA COCOA REVIEW", "date": "1987-02-26", "source": "Reuters",
  //  "lang": "en", "topics": ["cocoa"]}
  CHECK(terms_with_prefix(doc, "S") == std::set<std::string>{"Sbahia", "Scocoa", "Sreview"});
  CHECK(terms_with_prefix(doc, "XSRC") == std::set<std::string>{"XSRCreuters"});
  CHECK(terms_with_prefix(doc, "K") == std::set<std::string>{"Kcocoa"});
  CHECK(terms_with_prefix(doc, "L") == std::set<std::string>{"Len"});
  CHECK(doc.get_value(schema::kDateSlot) == schema::date_value(541296000));  // 1987-02-26Z
  CHECK(doc.get_value(schema::kYearSlot) == "1987");
  CHECK(doc.get_value(schema::kSourceSlot) == "Reuters");
  CHECK(doc.get_value(schema::kIdSlot) == "1");
  CHECK(from_stored(doc.get_data()).title == "BAHIA COCOA REVIEW");
  // Title words count more than body words; stems are there for ranking.
  auto cocoa = doc.termlist_begin();
  cocoa.skip_to("cocoa");
  REQUIRE(*cocoa == "cocoa");
  CHECK(cocoa.get_wdf() > DocumentBuilder::kTitleWdf);
  CHECK(terms_with_prefix(doc, "Zshower").size() == 1);  // "Showers" stemmed
  // Positions: title words first, the body after a gap, so no phrase spans the two.
  auto title_pos = reader.positionlist_begin(*reader.postlist_begin(id), "Sreview");
  CHECK(*title_pos == 3);
  CHECK(reader.get_metadata(std::string(schema::kSchemaVersionKey)) ==
        std::to_string(schema::kVersion));
  CHECK_FALSE(reader.get_metadata(std::string(schema::kAnalyzerKey)).empty());
}

TEST_CASE("strict mode commits nothing from a run that meets a bad record", "[index]") {
  TempDir dir;
  const fs::path db = dir / "db";
  const fs::path input = dir / "mixed.jsonl";
  test::write_file(input,
                   "{\"id\":\"a\",\"title\":\"A\"}\n{broken\n{\"id\":\"b\",\"title\":\"B\"}\n");
  IndexingOptions strict;
  strict.strict = true;
  const IndexSummary summary = index_paths(db, {input.string()}, strict);
  CHECK(summary.aborted);
  CHECK(summary.skipped == 1);
  CHECK(Xapian::Database(db.string()).get_doccount() == 0);

  const IndexSummary lenient = index_paths(db, {input.string()});
  CHECK_FALSE(lenient.aborted);
  CHECK(lenient.added == 2);
  CHECK(lenient.skipped == 1);
}

TEST_CASE("a database of another schema version is refused with a clear message", "[index]") {
  TempDir dir;
  const fs::path db = dir / "db";
  {
    Xapian::WritableDatabase w(db.string(), Xapian::DB_CREATE);
    w.set_metadata(std::string(schema::kSchemaVersionKey), "999");
    w.add_document(Xapian::Document());
    w.commit();
  }
  CHECK_THROWS_WITH(ShardWriter(db.string(), {}), Catch::Contains("schema version 999"));
}

TEST_CASE("articles without lang are detected, else get --lang", "[index]") {
  TempDir dir;
  const fs::path db = dir / "db";
  const fs::path input = dir / "nolang.jsonl";
  test::write_file(input,
                   "{\"id\":\"de\",\"title\":\"Die Regierung hat am Montag neue Gesetze zur "
                   "Energiepolitik beschlossen, die im kommenden Jahr gelten sollen.\"}\n"
                   "{\"id\":\"short\",\"title\":\"123\"}\n");
  IndexingOptions options;
  options.index.default_lang = "fr";
  index_paths(db, {input.string()}, options);
  Xapian::Database reader(db.string());
  CHECK(reader.term_exists("Lde"));
  auto short_doc = reader.get_document(*reader.postlist_begin(schema::id_term("short")));
  CHECK(short_doc.get_value(schema::kLangSlot) == "fr");
}
