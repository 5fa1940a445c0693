// The query builder: the parsed query, analysed as the articles are, as the Xapian query that
// runs. One table of query text -> the Xapian query's description.
#include "search/query_builder.h"

#include <catch2/catch.hpp>

using namespace dateline;

namespace {

std::string built(const std::string& text, std::vector<std::string> languages = {"en"}) {
  Analyzer analyzer;
  QueryBuilder builder(analyzer, std::move(languages));
  const ParsedQuery parsed = parse_query(text);
  REQUIRE(parsed.root);
  return builder.build(*parsed.root).query.get_description();
}

}  // namespace

TEST_CASE("query text becomes the Xapian query it should", "[query-builder]") {
  struct Case {
    std::string query, description;
  };
  const std::vector<Case> cases = {
      {"oil", "Query(Zoil)"},
      {"Oil PRICES", "Query((Zoil OR Zprice))"},
      {"\"trade surplus\"", "Query((trade PHRASE 2 surplus))"},
      {"oil AND gas", "Query((Zoil AND Zgas))"},
      {"wheat OR corn", "Query((Zwheat OR Zcorn))"},
      {"oil NOT crude", "Query((Zoil AND_NOT Zcrude))"},
      {"+opec price -saudi", "Query(((Zopec AND_MAYBE Zprice) AND_NOT Zsaudi))"},
      {"oil NEAR prices", "Query((oil NEAR 10 prices))"},
      {"export*", "Query(WILDCARD SYNONYM export)"},
      {"title:cocoa", "Query(ZScocoa)"},
      {"author:smith", "Query(Asmith)"},
      {"source:reuters bank", "Query((Zbank AND XSRCreuters))"},
      {"tag:grain", "Query(Kgrain)"},
      {"lang:de Regierung", "Query((Zregierung FILTER Lde))"},
      {"id:1", "Query(Q1)"},
      {"e-mail", "Query((e PHRASE 2 mail))"},
      {"Zürich", "Query(Zzurich)"},
      {"北京大学", "Query(((北京 PHRASE 2 大学) OR (XB北京 PHRASE 3 XB京大 PHRASE 3 XB大学)))"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(built(c.query) == c.description);
  }
}

TEST_CASE("a word is stemmed in every language of the database", "[query-builder]") {
  CHECK(built("regierungen", {"de", "en"}) == "Query((Zregier OR Zregierungen))");
  CHECK(built("regierungen", {}) == "Query(regierungen)");
}

TEST_CASE("a date filter is a range of the date slot", "[query-builder]") {
  CHECK_THAT(built("date:1987-03 oil"), Catch::StartsWith("Query((Zoil FILTER VALUE_RANGE 0 "));
  CHECK_THAT(built("date:1987.."), Catch::StartsWith("Query(VALUE_GE 0 "));
  CHECK_THAT(built("date:..1987"), Catch::StartsWith("Query(VALUE_LE 0 "));
}

TEST_CASE("the words to highlight are the positive ones", "[query-builder]") {
  Analyzer analyzer;
  QueryBuilder builder(analyzer, {"en"});
  const BuiltQuery q = builder.build(*parse_query("Oil -gas title:cocoa \"crude price\"").root);
  CHECK(q.highlight.body.exact == std::set<std::string>{"oil"});
  // A phrase is highlighted where it matched as a whole, never its words alone.
  CHECK(q.highlight.body.phrases == std::vector<std::vector<std::string>>{{"crude", "price"}});
  CHECK(q.highlight.body.stems == std::set<std::string>{"oil"});
  CHECK(q.highlight.title.exact == std::set<std::string>{"cocoa"});
  CHECK(q.words == std::vector<std::string>{"oil", "cocoa"});
}
