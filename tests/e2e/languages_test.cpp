// Per language, on real sentences: segmentation, stemming, folding and the exact highlighted
// spans. Sentences come from corpus/ (German, Japanese, Arabic), from the shared corpora when
// present (Chinese, Russian: their terms do not allow copying them here), or are our own.
#include <catch2/catch.hpp>

#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "support/search_fixture.h"

using namespace dateline;

namespace {

struct Case {
  std::string lang, text, query;
  std::vector<std::string> words;   // the first words of `text`, folded
  std::vector<std::string> marked;  // what the query highlights in `text`
};

void check_case(Analyzer& analyzer, const Case& c) {
  INFO(c.lang << ": " << c.query << " in " << c.text);
  std::vector<std::string> words;
  for (const Token& t : analyzer.tokenize(c.text)) words.push_back(t.term);
  words.resize(std::min(words.size(), c.words.size()));
  CHECK(words == c.words);
  QueryBuilder builder(analyzer, {c.lang});
  const BuiltQuery built = builder.build(*parse_query(c.query).root);
  SnippetMaker maker(analyzer, built.highlight);
  const Snippet snippet = maker.passage(c.text, c.lang, 1000);
  CHECK(snippet.text == c.text);  // shown whole and untouched: no inserted spaces, RTL as is
  CHECK(test::marked(snippet) == c.marked);
}

std::string first_body(const std::filesystem::path& file) {
  const Article first = test::read_articles(file).at(0);
  return first.title + "\n" + first.body.substr(0, 300);
}

}  // namespace

TEST_CASE("every language: words, stems, folding and highlighted spans", "[languages]") {
  Analyzer analyzer;
  const std::vector<Case> cases = {
      // German, 10kGNAD (corpus/): compounds, umlauts, inflection.
      {"de",
       "Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\" und findet, dass die "
       "Vertragsform auf die Führungsebene beschränkt gehört.",
       "Gewerkschaften fuhrungsebene",
       {"die", "gewerkschaft", "gpa", "djp", "lanciert", "den", "all", "in", "rechner"},
       {"Gewerkschaft", "Führungsebene"}},
      // Arabic, SaudiNewsNet (corpus/): prefixes, hamza, tatweel (لـ), ta marbuta as ha,
      // right to left.
      {"ar",
       "مواطن يروي لـ”عين اليوم” معاناة 7 أعوام مع زوجته “المشلولة” بسبب الأخطاء الطبية",
       "أخطاء يوم",
       {"مواطن", "يروي", "ل", "عين", "اليوم", "معاناه", "7", "اعوام"},
       {"اليوم", "الأخطاء"}},
      // Japanese, livedoor (corpus/): no spaces; kana and kanji; a part across words.
      {"ja",
       "友人代表のスピーチ、独女はどうこなしている？",
       "代表の スピーチ",
       {"友人", "代表", "の", "スピーチ", "独", "女"},
       {"代表の", "スピーチ"}},
      // Chinese (our sentence): the query spans two dictionary words (北京|大学).
      {"zh",
       "我们在北京大学学习中文。",
       "京大",
       {"我们", "在", "北京", "大学", "学习", "中文"},
       {"京大"}},
      // Thai (our sentence): dictionary words without spaces.
      {"th", "ประเทศไทยมีประชากรมาก", "ประชากร", {"ประเทศไทย", "มี", "ประชากร", "มาก"}, {"ประชากร"}},
      // Russian (our sentence): inflection.
      {"ru",
       "В университете состоялось открытие новой видеостудии.",
       "университет видеостудия",
       {"в", "университете", "состоялось"},
       {"университете", "видеостудии"}},
      // French and Spanish (our sentences): accents fold, words stem.
      {"fr",
       "Les élections présidentielles françaises.",
       "election FRANCAISE",
       {"les", "elections", "presidentielles", "francaises"},
       {"élections", "françaises"}},
      {"es",
       "Las elecciones presidenciales españolas.",
       "eleccion espanola",
       {"las", "elecciones"},
       {"elecciones", "españolas"}},
  };
  for (const auto& c : cases) check_case(analyzer, c);
}

TEST_CASE("real Chinese and Russian news sentences from the shared corpora",
          "[languages][shared]") {
  if (!test::have_shared_corpus()) {
    WARN("skipped: " << test::shared_corpus_dir() << " is absent");
    return;
  }
  Analyzer analyzer;
  // THUCNews: the name 库西 (3 times in this passage) is split by the dictionary into single
  // characters; the highlight is still exactly the two characters.
  const std::string zh = first_body(test::shared_corpus_dir() / "thucnews" / "articles.jsonl");
  REQUIRE(zh.find("鲍勃库西奖") != std::string::npos);
  QueryBuilder zh_builder(analyzer, {"zh"});
  const BuiltQuery zh_query = zh_builder.build(*parse_query("库西").root);
  SnippetMaker zh_maker(analyzer, zh_query.highlight);
  const Snippet zh_snippet = zh_maker.passage(zh, "zh", 400);
  CHECK(test::marked(zh_snippet) == std::vector<std::string>{"库西", "库西", "库西"});  // all 3

  // Zvezda Altaya: "университете" found and marked by the query "университет".
  const std::string ru = first_body(test::shared_corpus_dir() / "zvezda-altaya" / "articles.jsonl");
  QueryBuilder ru_builder(analyzer, {"ru"});
  const BuiltQuery ru_query = ru_builder.build(*parse_query("университет видеостудия").root);
  SnippetMaker ru_maker(analyzer, ru_query.highlight);
  const Snippet ru_snippet = ru_maker.passage(ru, "ru", 400);
  const auto ru_marked = test::marked(ru_snippet);
  CHECK(std::find(ru_marked.begin(), ru_marked.end(), "университете") != ru_marked.end());
  CHECK(std::find(ru_marked.begin(), ru_marked.end(), "видеостудия") != ru_marked.end());
}
