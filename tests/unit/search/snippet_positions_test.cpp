// Snippets from positions (SnippetMaker::passage_from_positions) against snippets from
// analysing the whole body (passage), on every article of corpus/ with a word map and every
// query of the mixed set.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>

#include "index/stored_article.h"
#include "index/word_map.h"
#include "search/body_positions.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "support/search_fixture.h"

using namespace dateline;

namespace {

struct Stored {
  Xapian::Document doc;
  Article article;
  WordMap map;
};

// The articles of corpus/ that have a word map (bodies of more than 32 words).
const std::vector<Stored>& mapped_articles() {
  static const std::vector<Stored> out = [] {
    std::vector<Stored> all;
    Xapian::Database db(test::corpus_db());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Xapian::Document doc = db.get_document(*it);
      const std::string data = doc.get_data();
      if (auto map = WordMap::parse(stored_word_map(data))) {
        all.push_back({doc, from_stored(data), std::move(*map)});
      }
    }
    return all;
  }();
  return out;
}

// A snippet maker for one query in one language, with what it refers to.
struct MakerFor {
  MakerFor(const std::string& query, const std::string& lang)
      : terms(QueryBuilder(analyzer, {lang}).build(*parse_query(query).root).highlight) {}
  Analyzer analyzer;
  const HighlightTerms terms;
  SnippetMaker maker{analyzer, terms};
};

}  // namespace

TEST_CASE("The indexer stores a word map for every body long enough to have a mark",
          "[snippet][positions]") {
  Analyzer analyzer;
  std::size_t long_bodies = 0;
  Xapian::Database db(test::corpus_db());
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const std::string data = db.get_document(*it).get_data();
    const Article article = from_stored(data);
    const auto tokens = analyzer.tokenize(article.body);
    const WordMap expected = WordMap::of(article.body, tokens, 1);
    if (expected.marks.empty()) {
      CHECK(stored_word_map(data).empty());
      continue;
    }
    ++long_bodies;
    const auto map = WordMap::parse(stored_word_map(data));
    REQUIRE(map);
    CHECK(map->words == tokens.size());
    REQUIRE(map->marks.size() == expected.marks.size());
    for (std::size_t k = 0; k < map->marks.size(); ++k) {
      CHECK(map->marks[k].byte == expected.marks[k].byte);
    }
    // The body's first word is at the map's first position.
    if (!tokens.empty()) {
      const Xapian::Document doc = db.get_document(*it);
      auto term = doc.termlist_begin();
      term.skip_to(tokens[0].term);
      REQUIRE(term != doc.termlist_end());
      std::set<Xapian::termpos> positions(term.positionlist_begin(), term.positionlist_end());
      CHECK(positions.count(map->first_position) == 1);
    }
  }
  CHECK(long_bodies > 200);  // of corpus/'s 410 articles
}

TEST_CASE("Snippets from positions are the snippets of the whole body, and never mark more",
          "[snippet][positions]") {
  Analyzer analyzer;
  const auto& articles = mapped_articles();
  std::size_t compared = 0, same = 0, fallbacks = 0;
  for (const std::string& query : test::mixed_queries()) {
    const auto parsed = parse_query(query);
    if (!parsed.root) continue;
    QueryBuilder builder(analyzer, {"en", "de", "ja", "ar"});
    const HighlightTerms terms = builder.build(*parsed.root).highlight;
    if (terms.body.empty()) continue;
    SnippetMaker maker(analyzer, terms);
    for (const Stored& s : articles) {
      const auto hits = body_words_that_may_match(s.doc, s.map, maker, s.article.lang);
      // The index's positions find what analysis of the text finds (remote shards use that).
      const auto analysed = maker.hits_by_analysis(s.article.body, s.article.lang);
      REQUIRE(hits.size() == analysed.size());
      for (std::size_t i = 0; i < hits.size(); ++i) {
        CHECK(hits[i].word == analysed[i].word);
        CHECK(hits[i].key == analysed[i].key);
        CHECK(hits[i].phrase_word == analysed[i].phrase_word);
      }
      if (hits.empty()) continue;
      for (std::size_t chars : {200, 60}) {
        INFO(query << " in " << s.article.id << ", " << chars << " characters");
        const auto from_positions =
            maker.passage_from_positions(s.article.body, s.article.lang, chars, s.map, hits);
        if (!from_positions) {  // CJK strings to find, or a hit that was no match after all
          ++fallbacks;
          continue;
        }
        const Snippet whole = maker.passage(s.article.body, s.article.lang, chars);
        ++compared;
        if (from_positions->text == whole.text && from_positions->highlights == whole.highlights) {
          ++same;
          continue;
        }
        // Another window: as long, and every mark one that analysis of the whole body makes.
        UNSCOPED_INFO(whole.text << "\n  vs\n" << from_positions->text);
        const auto all = maker.highlight_all(s.article.body, s.article.lang);
        std::set<std::string> everywhere;
        for (const auto& [b, e] : all) everywhere.insert(s.article.body.substr(b, e - b));
        for (const std::string& m : test::marked(*from_positions)) CHECK(everywhere.count(m) == 1);
        CHECK(test::marked(*from_positions).size() >= 1);
      }
    }
  }
  INFO(same << " of " << compared << " the same, " << fallbacks << " left to passage()");
  CHECK(fallbacks * 50 < compared);
  CHECK(compared > 1000);
  CHECK(same >= compared * 95 / 100);
}

TEST_CASE("Snippets from positions refuse hits or a word map that do not fit the text",
          "[snippet][positions]") {
  MakerFor made("gamma", "en");
  Analyzer& analyzer = made.analyzer;
  SnippetMaker& maker = made.maker;
  std::string text;
  for (int i = 0; i < 100; ++i)
    text += "alpha beta " + std::string(i % 7 ? "" : "gamma ") + "delta ";
  const WordMap map = WordMap::of(text, analyzer.tokenize(text), 1);
  REQUIRE(map.marks.size() > 5);
  const auto hits = maker.hits_by_analysis(text, "en");
  REQUIRE_FALSE(hits.empty());
  const auto fits = maker.passage_from_positions(text, "en", 80, map, hits);
  REQUIRE(fits);
  CHECK(fits->text == maker.passage(text, "en", 80).text);
  auto beyond = hits;
  beyond.push_back({map.words + 5, "gamma", ""});
  CHECK_FALSE(maker.passage_from_positions(text, "en", 80, map, beyond));
  // The map of another text (each "alpha" written "al pha": more words than the map counts).
  std::string other = text;
  for (auto at = other.find("alpha"); at != std::string::npos; at = other.find("alpha", at)) {
    other.replace(at, 5, "al pha");
  }
  CHECK_FALSE(
      maker.passage_from_positions(other, "en", 80, map, maker.hits_by_analysis(other, "en")));
}

TEST_CASE("Snippets from positions find stems that do not start as their words do",
          "[snippet][positions]") {
  // Serbian's stemmer writes Cyrillic in Latin (београдом -> beograd); Indonesian's strips
  // prefixes (membeli -> beli).
  struct Case {
    std::string lang, query, word, filler;
  };
  for (const Case& c : {Case{"sr", "београд", "Београдом", "река тече кроз град и поље "},
                        Case{"id", "beli", "membeli", "kami pergi ke pasar pagi ini "}}) {
    INFO(c.lang);
    MakerFor made(c.query, c.lang);
    Analyzer& analyzer = made.analyzer;
    SnippetMaker& maker = made.maker;
    std::string text;
    for (int i = 0; i < 30; ++i) text += c.filler;
    text += c.word + " ";
    for (int i = 0; i < 10; ++i) text += c.filler;
    const WordMap map = WordMap::of(text, analyzer.tokenize(text), 1);
    const auto hits = maker.hits_by_analysis(text, c.lang);
    REQUIRE(hits.size() == 1);
    const auto snippet = maker.passage_from_positions(text, c.lang, 80, map, hits);
    REQUIRE(snippet);
    REQUIRE(snippet->highlights.size() == 1);
    const auto [b, e] = snippet->highlights[0];
    CHECK(snippet->text.substr(b, e - b) == c.word);
  }
}

TEST_CASE("Snippets from positions mark a match whose stretch looks longer than the budget",
          "[snippet][positions]") {
  // Characters are estimated per stretch of the word map, spread evenly over its words: a
  // stretch of long words, or one holding a long run of punctuation, makes a short match look
  // longer than the budget. Its stretch is then analysed, where its real length shows.
  MakerFor made("cocoa", "en");
  Analyzer& analyzer = made.analyzer;
  SnippetMaker& maker = made.maker;
  std::string long_words, punctuation;
  for (int i = 0; i < 100; ++i) long_words += "internationally ";
  long_words += "cocoa ";
  for (int i = 0; i < 100; ++i) long_words += "internationally ";
  for (int i = 0; i < 40; ++i) punctuation += "word" + std::to_string(i) + " ";
  punctuation += "cocoa " + std::string(8000, '=') + " ";
  for (int i = 0; i < 60; ++i) punctuation += "more" + std::to_string(i) + " ";
  for (const auto& [text, budget] : {std::pair{long_words, 10}, std::pair{punctuation, 200}}) {
    INFO(text.size() << " bytes, " << budget << " characters");
    const WordMap map = WordMap::of(text, analyzer.tokenize(text), 0);
    const auto snippet =
        maker.passage_from_positions(text, "en", budget, map, maker.hits_by_analysis(text, "en"));
    const Snippet shown = snippet ? *snippet : maker.passage(text, "en", budget);
    CHECK(test::marked(shown) == std::vector<std::string>{"cocoa"});
  }
}
