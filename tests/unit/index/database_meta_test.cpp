// A database records the schema version and the analyzer settings it was written with; one
// written otherwise is refused, with a message that names the difference.
#include "index/database_meta.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/errors.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "index/schema.h"
#include "support/test_support.h"

using namespace dateline;

namespace {

// A one-article database whose stored analyzer settings are edited by `edit`.
std::string database_with_settings(const test::TempDir& dir,
                                   const std::function<void(nlohmann::json&)>& edit) {
  const std::string db = (dir / "db").string();
  {
    Index index(db);
    index.add(Article{.id = "1", .title = "Cocoa"});
    index.commit();
  }
  Xapian::WritableDatabase writable(db);
  const std::string key(schema::kAnalyzerKey);
  auto settings = nlohmann::json::parse(writable.get_metadata(key));
  edit(settings);
  writable.set_metadata(key, settings.dump());
  writable.commit();
  return db;
}

}  // namespace

TEST_CASE("a database analysed with other settings is refused, naming them", "[schema]") {
  test::TempDir dir;
  const std::string db = database_with_settings(dir, [](nlohmann::json& s) {
    s["icu"] = "60.2";
    s.erase("cjk");
    // As a database of the build before issue 13 has them: no normalisation, Xapian's stemmers.
    s.erase("decompounding");
    s.erase("han");
    s["stemming"] = "snowball";
    s["morphology"] = "mecab";
  });
  for (const auto& open : std::vector<std::function<void()>>{[&] { Searcher searcher(db); },
                                                             [&] { Index index(db); }}) {
    try {
      open();
      FAIL("opened");
    } catch (const DatabaseError& e) {
      const std::string message = e.what();
      CHECK_THAT(message, Catch::Contains("analysed with other settings"));
      CHECK_THAT(message, Catch::Contains("icu 60.2 (this build: "));
      CHECK_THAT(message, Catch::Contains("cjk absent (this build: words+bigrams)"));
      CHECK_THAT(message, Catch::Contains("decompounding absent (this build: "));
      CHECK_THAT(message, Catch::Contains("han absent (this build: traditional-simplified)"));
      CHECK_THAT(message, Catch::Contains("stemming snowball (this build: snowball: xapian 1.4, "
                                          "de german2"));
      CHECK_THAT(message, Catch::Contains("morphology \"mecab\" (unknown to this build)"));
      CHECK_THAT(message, Catch::Contains("re-index"));
    }
  }
}

TEST_CASE("a database with this build's settings opens", "[schema]") {
  test::TempDir dir;
  const std::string db = database_with_settings(dir, [](nlohmann::json&) {});
  Searcher searcher(db);
  CHECK(searcher.document_count() == 1);
}

TEST_CASE("a database of another schema version is refused", "[schema]") {
  // 2: the version before the day terms, whose later runs would find no stored copies.
  for (const std::string version : {"0", "2"}) {
    test::TempDir dir;
    const std::string db = (dir / "db").string();
    {
      Index index(db);
      index.add(Article{.id = "1", .title = "Cocoa"});
      index.commit();
    }
    {
      Xapian::WritableDatabase writable(db);
      writable.set_metadata(std::string(schema::kSchemaVersionKey), version);
      writable.commit();
    }
    CHECK_THROWS_WITH(Searcher(db),
                      Catch::Contains("schema version " + version) && Catch::Contains("re-index"));
    CHECK_THROWS_WITH(Index(db), Catch::Contains("schema version " + version));
  }
}
