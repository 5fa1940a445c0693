// The forms readers of each language type (issue 13): per language, query form -> article form
// pairs searched through the whole engine (Index, Searcher, snippets). Every pair that must
// match is found and its article form highlighted; every pair that must not match (distinct
// words a too-eager normaliser would merge) is not found. Article text comes from corpus/
// (German, Arabic, Japanese), from ../shared/corpus where its terms do not allow copying text
// here (Chinese, Russian, more Japanese: those pairs are skipped with a message without it),
// or is our own where no corpus has the language (Greek, Hindi, French).
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "dateline/index.h"
#include "dateline/search.h"
#include "support/search_fixture.h"

using namespace dateline;

namespace {

struct Pair {
  std::string lang;
  std::string query;         // as a reader types it
  std::string article_form;  // as the article writes it
  bool matches;
  std::string text;    // the article; empty: the first article of `shared` holding article_form
  std::string shared;  // a corpus of ../shared/corpus
};

// Text of the first article of the shared corpus `name` that holds `form`, or "".
std::string shared_text(const std::string& name, const std::string& form) {
  static std::map<std::string, std::vector<Article>> corpora;
  auto it = corpora.find(name);
  if (it == corpora.end()) {
    it =
        corpora
            .emplace(name, test::read_articles(test::shared_corpus_dir() / name / "articles.jsonl"))
            .first;
  }
  for (const Article& a : it->second) {
    const std::string text = a.title + "\n" + a.body;
    if (text.find(form) != std::string::npos) return text;
  }
  return {};
}

const std::vector<Pair>& pairs() {
  static const std::vector<Pair> all = {
      // German, 10kGNAD (corpus/): ae/oe/ue for the umlaut, both ways; ss for ß.
      {"de", "Fluechtlinge", "Flüchtlinge", true,
       "Aus Deutschland neue Daten darüber, welche Qualifikationen Flüchtlinge mitnehmen, die "
       "nach Europa kommen.",
       ""},
      {"de", "Oesterreich", "Österreich", true,
       "Nach Österreich, wo in der vergangenen Woche das Arbeitsmarktservice neue Zahlen "
       "vorlegte.",
       ""},
      {"de", "Strassen", "Straßen", true,
       "Erstmals auf öffentlichen Straßen – Ein Mensch muss aber auf dem Fahrersitz bleiben.", ""},
      // ... and the other way: an article that writes without umlauts (our sentence).
      {"de", "Müller", "Mueller", true, "Trainer Mueller sagte nach dem Spiel, er sei zufrieden.",
       ""},
      {"de", "Flüchtlinge", "Fluechtlinge", true, "Die Fluechtlinge warten an der Grenze.", ""},
      // The u of eue, aue and qu is no umlaut: neue is not nü, Quelle is not Qülle.
      {"de", "nu", "neue", false,
       "Aus Deutschland neue Daten darüber, welche Qualifikationen Flüchtlinge mitnehmen.", ""},
      {"de", "Baer", "Bauer", false, "Der Bauer verkauft seine Milch direkt ab Hof.", ""},
      // German compounds: a part finds the compound, and is marked in it.
      {"de", "Regierung", "Landesregierung", true,
       "Sie holt sich den jungen Schickhofer direkt aus dem Parlament in die Landesregierung.", ""},
      {"de", "Wahl", "Präsidentschaftswahlen", true,
       "Jimmy Morales landete in der ersten Runde der Präsidentschaftswahlen in Guatemala auf dem "
       "ersten Platz.",
       ""},
      // A suffix is no part (Gewerkschaft is no Gewerk + Schaft), a verb is no compound
      // (erstellen is no erst + Ellen).
      {"de", "Schaft", "Gewerkschaft", false,
       "Die Gewerkschaft GPA-djp lanciert den All-in-Rechner.", ""},
      {"de", "Ellen", "erstellen", false, "Die Gemeinde will bis Herbst einen Plan erstellen.", ""},
      // Arabic, SaudiNewsNet (corpus/): ta marbuta as ha, alef maksura as ya, hamza on alef.
      {"ar", "السعوديه", "السعودية", true,
       "والذي لم يكن يوما عاديا بالنسبة للفن في السعودية والعالم العربي", ""},
      {"ar", "مستشفي", "مستشفى", true, "وبعد أن زاد الألم على ابني ذهبت به إلى طوارئ مستشفى عسير",
       ""},
      {"ar", "الاغاني", "الأغاني", true,
       "من الأغاني التي لا زال عشاق الغناء في السعودية خاصة والعالم العربي عامة يتغنون بها", ""},
      // علم (science) is not عالم (world): long vowels are letters, not marks.
      {"ar", "علم", "والعالم", false,
       "والذي لم يكن يوما عاديا بالنسبة للفن في السعودية والعالم العربي", ""},
      // Chinese, THUCNews (shared): Traditional finds Simplified.
      {"zh", "體育", "体育", true, "", "thucnews"},
      {"zh", "經濟", "经济", true, "", "thucnews"},
      {"zh", "發展", "发展", true, "", "thucnews"},
      // 體育 is a word, not its characters apart (身体 ... 教育).
      {"zh", "體育", "教育", false, "我们重视身体健康，也重视教育。", ""},
      // Japanese, livedoor: width folding (corpus/), old character forms (shared); our sentence.
      {"ja", "ｽﾋﾟｰﾁ", "スピーチ", true, "友人代表のスピーチ、独女はどうこなしている？", ""},
      {"ja", "國際", "国際", true, "", "livedoor"},
      {"ja", "東京", "京都", false, "京都の大学に通う学生が増えている。", ""},
      // Russian, Zvezda Altaya (shared): inflection, е for ё; our sentence.
      {"ru", "выборы", "выборов", true, "", "zvezda-altaya"},
      {"ru", "поселка", "посёлка", true, "", "zvezda-altaya"},
      {"ru", "учить", "учителей", false, "Она родилась в семье сельских учителей.", ""},
      // Greek (our sentences): stems by libstemmer, accents and final sigma folded.
      {"el", "κυβερνήσεις", "κυβέρνηση", true, "Η κυβέρνηση ανακοίνωσε νέες εκλογές.", ""},
      {"el", "εκλογών", "εκλογές", true, "Η κυβέρνηση ανακοίνωσε νέες εκλογές.", ""},
      {"el", "κυβερνήτης", "κυβέρνηση", false, "Η κυβέρνηση ανακοίνωσε νέες εκλογές.", ""},
      // Hindi (our sentences): stems by libstemmer.
      {"hi", "चुनाव", "चुनावों", true, "सरकार ने चुनावों की घोषणा की।", ""},
      {"hi", "सरकारों", "सरकार", true, "सरकार ने चुनावों की घोषणा की।", ""},
      {"hi", "घोड़ा", "घोषणा", false, "सरकार ने चुनावों की घोषणा की।", ""},
      // Serbian (our sentence): libstemmer stems Cyrillic and Latin alike.
      {"sr", "влада", "vlade", true, "Predsednik vlade je najavio nove izbore.", ""},
      // French (our sentences): accents, elision, stems.
      {"fr", "election", "élections", true, "Le gouvernement annonce des élections anticipées.",
       ""},
      {"fr", "etat", "l'État", true, "Le budget de l'État est voté.", ""},
      {"fr", "chat", "château", false, "Le château de Versailles attire les visiteurs.", ""},
  };
  return all;
}

std::vector<std::string> highlighted(const SearchHit& hit) {
  auto out = test::marked(hit.snippet);
  for (auto& part : test::marked(hit.article.title, hit.title_highlights)) out.push_back(part);
  return out;
}

}  // namespace

TEST_CASE(
    "every language: the forms readers type find the article's, and distinct words stay apart",
    "[languages]") {
  const bool shared = test::have_shared_corpus();
  if (!shared)
    WARN("pairs from ../shared/corpus skipped: " << test::shared_corpus_dir() << " is absent");
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  std::vector<std::size_t> indexed;
  {
    Index index(db);
    for (std::size_t i = 0; i < pairs().size(); ++i) {
      const Pair& p = pairs()[i];
      if (!p.shared.empty() && !shared) continue;
      Article a;
      a.id = "pair" + std::to_string(i);
      a.lang = p.lang;
      a.body = p.shared.empty() ? p.text : shared_text(p.shared, p.article_form);
      INFO(p.lang << ": " << p.article_form << " in " << p.shared);
      REQUIRE(a.body.find(p.article_form) != std::string::npos);
      index.add(a);
      indexed.push_back(i);
    }
    index.commit();
  }
  Searcher searcher(db);
  for (std::size_t i : indexed) {
    const Pair& p = pairs()[i];
    INFO(p.lang << ": query " << p.query << (p.matches ? " must find " : " must not find ")
                << p.article_form);
    SearchRequest request;
    request.query = p.query + " id:pair" + std::to_string(i);
    request.snippet_chars = 300;
    const SearchResults results = searcher.search(request);
    if (!p.matches) {
      CHECK(results.hits.empty());
      continue;
    }
    REQUIRE(results.hits.size() == 1);
    const auto marks = highlighted(results.hits[0]);
    INFO("highlighted: " << Catch::Detail::stringify(marks));
    CHECK(std::find(marks.begin(), marks.end(), p.article_form) != marks.end());
  }
}

TEST_CASE("German compounds: the word itself ranks above a compound of it, phrases stay exact",
          "[languages]") {
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  {
    Index index(db);
    // 10kGNAD (corpus/).
    index.add({.id = "compound",
               .body = "Sie holt sich den jungen Schickhofer direkt aus dem Parlament in die "
                       "Landesregierung.",
               .lang = "de"});
    index.add({.id = "word",
               .body = "Warum kritisieren Sie die Regierung und vor allem Ministerpräsident "
                       "Arsenij Jazenjuk?",
               .lang = "de"});
    index.commit();
  }
  Searcher searcher(db);
  auto ids = [&](const std::string& query) {
    SearchRequest request;
    request.query = query;
    std::vector<std::string> out;
    for (const SearchHit& hit : searcher.search(request).hits) out.push_back(hit.article.id);
    return out;
  };
  CHECK(ids("Regierung") == std::vector<std::string>{"word", "compound"});
  CHECK(ids("Landesregierung") == std::vector<std::string>{"compound"});
  CHECK(ids("\"in die Landesregierung\"") == std::vector<std::string>{"compound"});
  CHECK(ids("\"die Regierung\"") == std::vector<std::string>{"word"});
}
