#include "analysis/language_detect.h"

#include <catch2/catch.hpp>

#include "support/test_support.h"

using namespace dateline;

TEST_CASE("language detection names the language of real articles", "[language]") {
  // Each sample says its language; detection must agree on nearly all of them.
  for (const char* name :
       {"reuters21578.jsonl", "10kgnad.jsonl", "livedoor.jsonl", "saudinewsnet.jsonl"}) {
    const auto articles = test::read_articles(test::corpus_dir() / "news" / name);
    std::size_t agree = 0;
    for (const Article& a : articles) agree += detect_language(a.title + "\n" + a.body) == a.lang;
    INFO(name << ": " << agree << " of " << articles.size());
    CHECK(agree * 100 >= articles.size() * 95);
  }
}

TEST_CASE("language detection says nothing when it cannot tell", "[language]") {
  for (std::string text : {"", "12345 67890", "!!! ???", "ok"}) {
    INFO(text);
    CHECK(detect_language(text).empty());
  }
  CHECK(detect_language("The central bank raised interest rates again on Thursday, citing "
                        "persistent inflation in services and a tight labour market.") == "en");
}
