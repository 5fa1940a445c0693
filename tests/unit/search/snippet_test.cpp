#include "search/snippet.h"

#include <catch2/catch.hpp>

#include "search/query_builder.h"
#include "search/query_parser.h"
#include "support/search_fixture.h"
#include "util/utf8.h"

using namespace dateline;

namespace {

HighlightTerms terms_for(Analyzer& analyzer, const std::string& query,
                         std::vector<std::string> languages = {"en"}) {
  QueryBuilder builder(analyzer, std::move(languages));
  return builder.build(*parse_query(query).root).highlight;
}

}  // namespace

TEST_CASE("snippets mark every matching form: stems, case, accents, phrase words", "[snippet]") {
  Analyzer analyzer;
  struct Case {
    std::string query, lang, text;
    std::vector<std::string> marked;
  };
  const std::vector<Case> cases = {
      {"chips",
       "en",
       "Alibaba's new chip. CHIPS are scarce; chipping away; chirps.",
       {"chip", "CHIPS", "chipping"}},  // "chipping" stems to "chip" too
      {"zurich", "de", "Der Flughafen Zürich und ZÜRICH-Stadt.", {"Zürich", "ZÜRICH"}},
      {"\"central bank\"", "en", "The Central Bank said banks lend.", {"Central Bank"}},
      // A phrase or a word that analyses into several is marked where it matched as a whole:
      {"\"trade surplus\"",
       "en",
       "A trade deficit, a surplus, then the trade surplus.",
       {"trade surplus"}},
      {"代表の", "ja", "代表の意見と、社会の声。", {"代表の"}},
      {"e-mail", "en", "Send e-mail, not mail.", {"e-mail"}},
      {"brazil's", "en", "Brazil's coffee and brazil nuts.", {"Brazil's", "brazil"}},
      {"export*", "en", "Exports rose; exporters and the port.", {"Exports", "exporters"}},
      {"ＡＢＣ", "en", "abc and Abc and ａｂｃ.", {"abc", "Abc", "ａｂｃ"}},
      {"北京", "zh", "我们在北京大学学习。", {"北京"}},
      // A modifier apostrophe folds to ' and English's stemmer takes it off: 'running -> run.
      {"run", "en", "\u02BCRunning shoes ran running.", {"\u02BCRunning", "running"}},
  };
  for (const auto& c : cases) {
    INFO(c.query << " in " << c.text);
    const HighlightTerms terms = terms_for(analyzer, c.query, {c.lang});
    SnippetMaker maker(analyzer, terms);
    const Snippet s = maker.passage(c.text, c.lang, 200);
    CHECK(s.text == c.text);  // short enough to be shown whole
    CHECK(test::marked(s) == c.marked);
  }
}

TEST_CASE("a snippet never starts inside a written word", "[snippet]") {
  Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 12; ++i) text += "the U.S. said Exxon's R.J. Reynolds' rock'n'roll deal ";
  text += "cocoa";
  const HighlightTerms terms = terms_for(analyzer, "cocoa", {"en"});
  SnippetMaker maker(analyzer, terms);
  for (std::size_t budget = 10; budget <= 120; budget += 3) {
    const Snippet s = maker.passage(text, "en", budget);
    INFO(budget << ": " << s.text);
    REQUIRE(s.text.starts_with(SnippetMaker::kEllipsis));
    const std::string shown = s.text.substr(SnippetMaker::kEllipsis.size());
    const std::string first_word = shown.substr(0, shown.find(' '));
    CHECK(text.find(" " + first_word) != std::string::npos);
  }
}

TEST_CASE("long texts are cut at word boundaries around the densest matches", "[snippet]") {
  Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler words here. ";
  text += "The cocoa harvest and cocoa exports grew.\n\nMore   text. ";
  for (int i = 0; i < 40; ++i) text += "padding words there. ";
  const HighlightTerms terms = terms_for(analyzer, "cocoa exports");
  SnippetMaker maker(analyzer, terms);
  const Snippet s = maker.passage(text, "en", 80);
  INFO(s.text);
  CHECK(s.text.starts_with(SnippetMaker::kEllipsis));
  CHECK(s.text.ends_with(SnippetMaker::kEllipsis));
  CHECK(test::marked(s) == std::vector<std::string>{"cocoa", "cocoa", "exports"});
  CHECK(s.text.find("  ") == std::string::npos);  // whitespace collapsed
  CHECK(s.text.find('\n') == std::string::npos);
  const std::size_t chars = s.text.size() - 2 * SnippetMaker::kEllipsis.size();
  CHECK(chars <= 80);
  CHECK(chars >= 60);
}

TEST_CASE("CJK snippets are cut between words, without inserted spaces", "[snippet]") {
  Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 30; ++i) text += "今天天气很好。";
  text += "我们在北京大学学习中文。";
  for (int i = 0; i < 30; ++i) text += "明天也会很好。";
  const HighlightTerms terms = terms_for(analyzer, "北京", {"zh"});
  SnippetMaker maker(analyzer, terms);
  const Snippet s = maker.passage(text, "zh", 40);
  INFO(s.text);
  CHECK(test::marked(s) == std::vector<std::string>{"北京"});
  CHECK(s.text.find(' ') == std::string::npos);
  CHECK(utf8::is_valid(s.text));
}

// (No ';' in a test's name: CTest's discovery splits names there, and runs neither half.)
TEST_CASE(
    "every highlight lies inside its snippet, on character boundaries, and analyses to a "
    "term of the query, and every hit of a one-word query is highlighted",
    "[snippet][property]") {
  // Queries: words taken at regular intervals from the corpus articles themselves.
  const auto everything = test::search_all("date:1000..9999 OR lang:de OR lang:ja OR lang:ar");
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < everything.hits.size(); i += 7) {
    const auto words = test::words_of(everything.hits[i].article.body);
    for (std::size_t w = 3; w < words.size() && w < 60; w += 19) queries.push_back(words[w]);
  }
  REQUIRE(queries.size() > 100);
  Analyzer analyzer;
  std::size_t hits_checked = 0;
  for (const std::string& query : queries) {
    const auto results = test::search(query);
    const auto terms = terms_for(analyzer, query, {"en", "de", "ar", "ja"});
    for (const auto& hit : results.hits) {
      INFO("query " << query << ", article " << hit.article.id);
      ++hits_checked;
      CHECK((!hit.snippet.highlights.empty() || !hit.title_highlights.empty()));
      auto check_ranges = [&](const std::string& text, const std::vector<ByteRange>& ranges) {
        for (const auto& [b, e] : ranges) {
          REQUIRE(b < e);
          REQUIRE(e <= text.size());
          CHECK(utf8::is_boundary(text, b));
          CHECK(utf8::is_boundary(text, e));
          const auto tokens = analyzer.tokenize(text.substr(b, e - b));
          REQUIRE(tokens.size() == 1);
          const std::string stem = analyzer.stem(hit.article.lang, tokens[0]);
          // A compound is marked whole for a part (Volksbanken for "bank").
          bool part = false;
          for (const std::string& p : analyzer.part_stems(hit.article.lang, tokens[0])) {
            part = part || terms.body.stems.count(p) > 0;
          }
          CHECK((terms.body.exact.count(tokens[0].term) || terms.body.stems.count(stem) || part));
        }
      };
      check_ranges(hit.snippet.text, hit.snippet.highlights);
      check_ranges(hit.article.title, hit.title_highlights);
    }
  }
  CHECK(hits_checked > 500);
}
