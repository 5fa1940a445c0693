// Self-retrieval in every script (issue 4), over the real articles of five shared corpora in
// one mixed-language database: words taken at random from an article's body, searched with
// the article's id as a filter, must find it in at least 99% of cases; an article's full title,
// searched alone, must bring it into the top 10 in at least 95%. Needs ../shared/corpus.
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <random>

#include "support/search_fixture.h"

using namespace dateline;

namespace {

constexpr std::size_t kMaxArticles = 1000;
constexpr int kWordsPerArticle = 3;

struct Corpus {
  const char* name;
  bool cjk;
};
const Corpus kCorpora[] = {{"thucnews", true},
                           {"livedoor", true},
                           {"10kgnad", false},
                           {"saudinewsnet", false},
                           {"zvezda-altaya", false}};

std::vector<Article> read_corpus(const char* name) {
  auto articles = test::read_articles(test::shared_corpus_dir() / name / "articles.jsonl");
  if (articles.size() > kMaxArticles) articles.resize(kMaxArticles);
  return articles;
}

// Code points of `text` (valid UTF-8), each with its byte offset.
std::vector<std::pair<UChar32, std::size_t>> code_points(const std::string& text) {
  std::vector<std::pair<UChar32, std::size_t>> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    out.emplace_back(c, static_cast<std::size_t>(at));
  }
  return out;
}

// Han, kana, and the marks that sit inside Japanese words (ー, 々).
bool is_cjk_char(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         c == 0x30FC || c == 0x3005;
}

// A 2-4 character substring of a random run of CJK characters.
std::string cjk_sample(const std::string& body, std::mt19937& random) {
  const auto cps = code_points(body);
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // [first, last) code point indices
  for (std::size_t i = 0; i < cps.size();) {
    if (!is_cjk_char(cps[i].first)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < cps.size() && is_cjk_char(cps[j].first)) ++j;
    if (j - i >= 2) runs.emplace_back(i, j);
    i = j;
  }
  if (runs.empty()) return {};
  const auto [first, last] = runs[random() % runs.size()];
  const std::size_t length = std::min<std::size_t>(2 + random() % 3, last - first);
  const std::size_t start = first + random() % (last - first - length + 1);
  const std::size_t from = cps[start].second;
  const std::size_t to = start + length < cps.size() ? cps[start + length].second : body.size();
  return body.substr(from, to - from);
}

// A random whole word (between spaces, surrounding punctuation removed) with a letter in it.
std::string word_sample(const std::string& body, std::mt19937& random) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
    std::size_t j = i;
    while (j < body.size() && !std::isspace(static_cast<unsigned char>(body[j]))) ++j;
    std::string word = body.substr(i, j - i);
    i = j;
    auto cps = code_points(word);
    std::size_t a = 0, b = cps.size();
    while (a < b && !u_isalnum(cps[a].first)) ++a;
    while (b > a && !u_isalnum(cps[b - 1].first)) --b;
    if (a == b) continue;
    const std::size_t end = b < cps.size() ? cps[b].second : word.size();
    word = word.substr(cps[a].second, end - cps[a].second);
    bool letter = false, syntax = false;
    for (const auto& [c, at] : code_points(word)) {
      letter |= u_isalpha(c) != 0;
      syntax |= c == '"' || c == '(' || c == ')' || c == '*';
    }
    if (letter && !syntax && word != "AND" && word != "OR" && word != "NOT" && word != "NEAR") {
      words.push_back(word);
    }
  }
  return words.empty() ? std::string() : words[random() % words.size()];
}

}  // namespace

TEST_CASE("articles in Chinese, Japanese, German, Arabic and Russian find themselves",
          "[languages][shared][slow]") {
  if (!test::have_shared_corpus()) {
    WARN("skipped: " << test::shared_corpus_dir() << " is absent");
    return;
  }
  test::TempDir dir;
  const std::string db = (dir / "db").string();
  std::vector<std::string> paths;
  for (const auto& corpus : kCorpora) {
    paths.push_back((test::shared_corpus_dir() / corpus.name / "articles.jsonl").string());
  }
  test::QuietObserver observer;
  run_indexing(db, paths, {}, observer);
  Searcher searcher(db);

  std::mt19937 random(20261128);
  for (const auto& corpus : kCorpora) {
    std::size_t word_tries = 0, word_found = 0, title_tries = 0, title_found = 0;
    std::vector<std::string> misses;
    for (const Article& article : read_corpus(corpus.name)) {
      SearchRequest request;
      request.snippet_chars = 0;
      for (int k = 0; k < kWordsPerArticle; ++k) {
        const std::string word =
            corpus.cjk ? cjk_sample(article.body, random) : word_sample(article.body, random);
        if (word.empty()) continue;
        request.query = word + " id:" + article.id;
        ++word_tries;
        if (!searcher.search(request).hits.empty()) {
          ++word_found;
        } else if (misses.size() < 5) {
          misses.push_back(article.id + ": " + word);
        }
      }
      if (!article.title.empty()) {
        request.query = article.title;
        request.limit = 10;
        ++title_tries;
        for (const auto& hit : searcher.search(request).hits)
          title_found += hit.article.id == article.id;
      }
    }
    const double word_rate =
        100.0 * static_cast<double>(word_found) / static_cast<double>(word_tries);
    const double title_rate =
        title_tries ? 100.0 * static_cast<double>(title_found) / static_cast<double>(title_tries)
                    : 100.0;
    std::printf(
        "self-retrieval %-14s words %5.1f%% (%zu/%zu)  titles in top 10 %5.1f%% (%zu/%zu)\n",
        corpus.name, word_rate, word_found, word_tries, title_rate, title_found, title_tries);
    for (const auto& miss : misses) std::printf("    missed %s\n", miss.c_str());
    INFO(corpus.name);
    CHECK(word_tries > 300);
    CHECK(word_rate >= 99.0);
    CHECK(title_rate >= 95.0);
  }
}
