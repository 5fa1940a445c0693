// ascii_words() against ICU's word break iterator (root locale), which it stands in for on
// ASCII text: the same word pieces, the same ranges, the same number-or-letter status, on
// random strings of the characters its rules treat apart and on every ASCII title and body of
// corpus/ (and of ../shared/corpus's Reuters and BBC collections where they are present).
#include "analysis/ascii_words.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <string>

#include "support/test_support.h"

using namespace dateline;

namespace {

bool ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// ICU's word pieces of `text` (status of 100 and more), as ascii_words() gives them.
std::vector<AsciiWord> icu_words(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  static std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  REQUIRE(U_SUCCESS(status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  words->setText(ut, status);
  std::vector<AsciiWord> out;
  std::int32_t start = words->first();
  for (std::int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    const std::int32_t rule = words->getRuleStatus();
    if (rule < UBRK_WORD_NUMBER) continue;
    out.push_back(
        {static_cast<std::size_t>(start), static_cast<std::size_t>(end), rule < UBRK_WORD_LETTER});
  }
  utext_close(ut);
  return out;
}

std::string shown(std::string_view text, const std::vector<AsciiWord>& words) {
  std::string out;
  for (const AsciiWord& w : words) {
    out.append("[").append(text.substr(w.start, w.end - w.start)).append(w.number ? "]#" : "]");
  }
  return out;
}

// The number of texts on which ascii_words() and ICU differ (each shown, up to 10).
std::size_t differences(const std::vector<std::string>& texts) {
  std::size_t differ = 0;
  for (const std::string& text : texts) {
    std::vector<AsciiWord> mine;
    ascii_words(text, mine);
    const std::string got = shown(text, mine), want = shown(text, icu_words(text));
    if (got == want) continue;
    if (++differ <= 10) {
      INFO("text: " << text);
      CHECK(got == want);
    }
  }
  return differ;
}

}  // namespace

TEST_CASE("ascii_words splits as ICU does around letters, digits, underscores and marks",
          "[ascii-words]") {
  const std::vector<std::string> cases = {
      "a1",   "a12",   "1a",   "12a1", "1_",    "_",         "__",    "1.2",  "a.b",
      "a:b",  "a'b",   "1'2",  "1,2",  "a,b",   "1;2",       "_1",    "_a",   "a_1.2",
      "1.2a", "a.b1",  "1__",  "_1_",  "__1",   "a_.b",      "a._b",  "1_.2", "a.'b",
      "1.,2", "a..b",  "U.S.", "3.5%", "x.y.z", "1,000",     "a.1",   "1.a",  "a\r\nb",
      "it's", "l'eau", "'a'",  "a'",   "Fed's", "1987.",     "$1.50", "a-b",  "e-mail",
      "co.",  ".5",    "5.",   "a\tb", "x__y_", "seti@home", "@a1",   "a.@b", "@"};
  CHECK(differences(cases) == 0);
}

TEST_CASE("ascii_words agrees with ICU on random strings of the characters it treats apart",
          "[ascii-words][property]") {
  const std::string alphabet = "aZq09_@.',;: -\n$%\"";
  std::mt19937 random(20261202);
  std::vector<std::string> texts;
  for (int i = 0; i < 100000; ++i) {
    std::string text(1 + random() % 12, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    texts.push_back(std::move(text));
  }
  CHECK(differences(texts) == 0);
}

TEST_CASE("ascii_words agrees with ICU on every ASCII title and body of the corpus",
          "[ascii-words][corpus]") {
  std::vector<std::string> texts;
  for (const Article& a : test::corpus_news_articles()) {
    for (const std::string* text : {&a.title, &a.body}) {
      if (ascii(*text)) texts.push_back(*text);
    }
  }
  for (const char* collection : {"reuters21578", "bbc-news"}) {
    const auto path = test::shared_corpus_dir() / collection / "articles.jsonl";
    if (!std::filesystem::exists(path)) {
      WARN("left out: " << path.string() << " is not here");
      continue;
    }
    for (const Article& a : test::read_articles(path)) {
      for (const std::string* text : {&a.title, &a.body}) {
        if (ascii(*text)) texts.push_back(*text);
      }
    }
  }
  INFO(texts.size() << " ASCII texts");
  REQUIRE(texts.size() > 100);
  CHECK(differences(texts) == 0);
}
