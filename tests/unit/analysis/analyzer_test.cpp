#include "analysis/analyzer.h"
#include "analysis/decompounder.h"

#include <catch2/catch.hpp>

#include "support/test_support.h"
#include "util/utf8.h"

using namespace dateline;

namespace {

std::vector<std::string> terms(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : analyzer.tokenize(text)) out.push_back(t.term);
  return out;
}

std::vector<std::string> stems(Analyzer& analyzer, std::string_view lang, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : analyzer.tokenize(text)) out.push_back(analyzer.stem(lang, t));
  return out;
}

std::vector<Article> corpus_articles(const char* name) {
  return test::read_articles(test::corpus_dir() / "news" / name);
}

}  // namespace

TEST_CASE("folding: case, accents and full-width forms fold to one term", "[analyzer]") {
  struct Case {
    std::string input, expected;
  };
  const std::vector<Case> cases = {
      {"Zürich", "zurich"}, {"ZURICH", "zurich"}, {"ＡＢＣ", "abc"},     {"Straße", "strasse"},
      {"ÉCOLE", "ecole"},   {"école", "ecole"},   {"ﬁnance", "finance"}, {"Alibaba’s", "alibaba's"},
      {"Ελλάδα", "ελλαδα"}, {"Ёлка", "елка"},     {"мо́ре", "море"},  // Russian stress mark
      {"مُحَمَّد", "محمد"},     {"عـــربي", "عربي"},                     // harakat, tatweel
      {"１２３", "123"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(Analyzer::fold(c.input) == c.expected);
  }
}

TEST_CASE("folding keeps marks that make another letter", "[analyzer]") {
  // Japanese dakuten, Cyrillic short i, Hangul syllables and Devanagari vowel signs are letters,
  // not accents: folding them away would merge different words.
  for (std::string word : {"が", "ぱ", "йод", "한국어", "हिन्दी", "ї"}) {
    INFO(word);
    CHECK(Analyzer::fold(word) == word);
  }
  CHECK(Analyzer::fold("が") != Analyzer::fold("か"));
}

TEST_CASE("words keep their byte range in the original text", "[analyzer]") {
  Analyzer analyzer;
  const std::string text = "“Zürich’s” ＡＢＣ, 北京大学!";
  for (const Token& t : analyzer.tokenize(text)) {
    INFO(t.term);
    REQUIRE(t.end <= text.size());
    REQUIRE(t.start < t.end);
    CHECK(utf8::is_boundary(text, t.start));
    CHECK(utf8::is_boundary(text, t.end));
    // The range folds to the term, or to the term with its possessive ("zurich's").
    CHECK_THAT(Analyzer::fold(text.substr(t.start, t.end - t.start)), Catch::StartsWith(t.term));
  }
  CHECK(terms(analyzer, text) == std::vector<std::string>{"zurich", "abc", "北京", "大学"});
  CHECK(analyzer.tokenize(text)[0].end == text.find("”"));  // "Zürich’s" highlighted whole
}

TEST_CASE("letter words split at inner periods, colons and apostrophes, numbers do not",
          "[analyzer]") {
  Analyzer analyzer;
  struct Case {
    std::string text;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"Plessey Co Plc <PLYL.L>", {"plessey", "co", "plc", "plyl", "l"}},
      {"the U.S. economy", {"the", "u", "s", "economy"}},
      {"rock'n'roll", {"rock", "n", "roll"}},
      {"O'Brien", {"o", "brien"}},
      {"1.13bn and 2,000.5 and 3.5%", {"1.13bn", "and", "2,000.5", "and", "3.5"}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(terms(analyzer, c.text) == c.expected);
  }
}

TEST_CASE("possessives and elisions belong to their word", "[analyzer]") {
  Analyzer analyzer;
  struct Case {
    std::string text;
    std::vector<std::string> expected;
    std::string first_range;  // what the first token's range covers
  };
  const std::vector<Case> cases = {
      {"Brazil's coffee", {"brazil", "coffee"}, "Brazil's"},
      {"Brazil’s coffee", {"brazil", "coffee"}, "Brazil’s"},
      {"REDEEM UNIT'S PREFERRED", {"redeem", "unit", "preferred"}, "REDEEM"},
      {"the workers' union", {"the", "workers", "union"}, "the"},
      {"l’homme aujourd'hui", {"homme", "aujourd", "hui"}, "l’homme"},
      {"l'État d'Israël qu'il", {"etat", "israel", "il"}, "l'État"},
      {"dell'Unione nell'anno", {"unione", "anno"}, "dell'Unione"},
      {"l'Europe's", {"europe"}, "l'Europe's"},
      {"it's", {"it"}, "it's"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(terms(analyzer, c.text) == c.expected);
    const Token first = analyzer.tokenize(c.text).at(0);
    CHECK(c.text.substr(first.start, first.end - first.start) == c.first_range);
  }
}

TEST_CASE("words are stemmed in their language", "[analyzer]") {
  Analyzer analyzer;
  struct Case {
    std::string lang, text;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"en", "chips running prices", {"chip", "run", "price"}},
      {"de", "Häuser Gewerkschaften wurden", {"haus", "gewerkschaft", "wurd"}},
      {"fr", "élections présidentielles françaises", {"elect", "presidentiel", "francais"}},
      {"ru", "Москвы новости", {"москв", "новост"}},
      {"ar", "الأخبار", {"اخبار"}},
      {"xx", "chips", {""}},  // no stemmer for the language: unstemmed only
  };
  for (const auto& c : cases) {
    INFO(c.lang << ": " << c.text);
    CHECK(stems(analyzer, c.lang, c.text) == c.expected);
  }
  CHECK(analyzer.has_stemmer("de"));
  CHECK_FALSE(analyzer.has_stemmer("ja"));
}

TEST_CASE("Chinese and Japanese are split into words, not characters or runs", "[analyzer]") {
  Analyzer analyzer;
  CHECK(terms(analyzer, "我们在北京大学学习中文。") ==
        std::vector<std::string>{"我们", "在", "北京", "大学", "学习", "中文"});
  // A real headline of the livedoor sample.
  const auto articles = corpus_articles("livedoor.jsonl");
  const auto it = std::find_if(articles.begin(), articles.end(), [](const Article& a) {
    return a.title.starts_with("友人代表のスピーチ");
  });
  REQUIRE(it != articles.end());
  const auto words = terms(analyzer, it->title);
  CHECK(std::vector<std::string>(words.begin(), words.begin() + 4) ==
        std::vector<std::string>{"友人", "代表", "の", "スピーチ"});
  // Over the whole sample: most words are more than one character, none is a whole run.
  std::size_t tokens = 0, multi_char = 0, max_chars = 0;
  for (const Article& a : articles) {
    for (const Token& t : analyzer.tokenize(a.body)) {
      if (t.kind != TokenKind::kIdeo && t.kind != TokenKind::kKana) continue;
      const std::size_t chars = t.term.size() / 3;  // CJK characters are 3 bytes in UTF-8
      ++tokens;
      multi_char += chars > 1;
      max_chars = std::max(max_chars, chars);
    }
  }
  INFO(tokens << " CJK words, " << multi_char << " of more than one character");
  CHECK(tokens > 1000);
  CHECK(multi_char * 10 > tokens * 4);
  CHECK(max_chars < 20);
}

TEST_CASE("folding is idempotent on every word of the corpus sample", "[analyzer][property]") {
  Analyzer analyzer;
  std::size_t checked = 0;
  for (const char* name :
       {"reuters21578.jsonl", "10kgnad.jsonl", "livedoor.jsonl", "saudinewsnet.jsonl"}) {
    for (const Article& a : corpus_articles(name)) {
      for (const Token& t : analyzer.tokenize(a.title + "\n" + a.body)) {
        if (Analyzer::fold(t.term) != t.term) FAIL("fold not idempotent: " << t.term);
        ++checked;
      }
    }
  }
  CHECK(checked > 50000);
}

TEST_CASE("Arabic letters read as one and Traditional Chinese as Simplified", "[analyzer]") {
  CHECK(Analyzer::fold("السعودية") == Analyzer::fold("السعوديه"));  // ta marbuta = ha
  CHECK(Analyzer::fold("مستشفى") == Analyzer::fold("مستشفي"));      // alef maksura = ya
  CHECK(Analyzer::fold("أحمد") == Analyzer::fold("احمد"));          // hamza on alef
  CHECK(Analyzer::fold("علم") != Analyzer::fold("عالم"));
  CHECK(Analyzer::fold("體育") == "体育");
  CHECK(Analyzer::fold("臺灣") == "台湾");
  CHECK(Analyzer::fold("体育") == "体育");
  CHECK(Analyzer::fold("東京") != Analyzer::fold("京都"));
}

TEST_CASE("German compounds split into nouns of the word list, the fewest parts first",
          "[analyzer]") {
  const Decompounder* german = Decompounder::for_language("de");
  if (german == nullptr) {
    WARN("skipped: Debian's German word list (wngerman) is not installed");
    return;
  }
  using Parts = std::vector<std::string>;
  // "Bundestags" and "Landes" are nouns of the list themselves (genitives).
  CHECK(german->parts("bundestagswahl") == Parts{"bundestags", "wahl"});
  CHECK(german->parts("landesregierung") == Parts{"landes", "regierung"});
  CHECK(german->parts("arbeitsmarkt") == Parts{"arbeit", "markt"});
  CHECK(german->parts("prasidentschaftswahlen") == Parts{"prasidentschaft", "wahlen"});
  CHECK(german->parts("regierung").empty());     // a word, no compound
  CHECK(german->parts("erstellen").empty());     // a verb: never split
  CHECK(german->parts("gewerkschaft").empty());  // -schaft is a suffix
  CHECK(Decompounder::for_language("en") == nullptr);
}
