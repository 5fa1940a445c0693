// A database of corpus/, built once per test process, and helpers to query it.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "dateline/indexing.h"
#include "dateline/search.h"
#include "support/test_support.h"

namespace dateline::test {

class QuietObserver : public IndexingObserver {
 public:
  void on_diagnostic(std::string_view, bool) override {}
};

// The path of a database holding corpus/ (built on first use, removed at exit).
inline const std::string& corpus_db() {
  static TempDir dir;
  static const std::string path = [] {
    const std::string db = (dir / "corpus-db").string();
    QuietObserver observer;
    run_indexing(db, {corpus_dir().string()}, {}, observer);
    return db;
  }();
  return path;
}

inline SearchResults search(const std::string& query, SearchRequest request = {}) {
  static Searcher searcher(corpus_db());
  request.query = query;
  return searcher.search(request);
}

inline std::vector<std::string> ids(const SearchResults& results) {
  std::vector<std::string> out;
  for (const auto& hit : results.hits) out.push_back(hit.article.id);
  return out;
}

// Every match, not a page of them.
inline SearchResults search_all(const std::string& query, SearchRequest request = {}) {
  request.limit = 100000;
  request.snippet_chars = 0;
  return search(query, request);
}

// The highlighted parts of `text`, in order.
inline std::vector<std::string> marked(const std::string& text,
                                       const std::vector<ByteRange>& highlights) {
  std::vector<std::string> out;
  for (const auto& [b, e] : highlights) out.push_back(text.substr(b, e - b));
  return out;
}

inline std::vector<std::string> marked(const Snippet& s) { return marked(s.text, s.highlights); }

// The folded words of a text, in order.
inline std::vector<std::string> words_of(const std::string& text) {
  static Analyzer analyzer;
  std::vector<std::string> out;
  for (const Token& t : analyzer.tokenize(text)) out.push_back(t.term);
  return out;
}

// 56 queries: the golden set (tests/e2e/golden/queries.tsv), 6 sentences (English titles of
// corpus articles: plain words enough for pseudo-relevance feedback) and 30 words taken from
// the corpus articles, in every language; a mix of cheap and dearer searches.
inline std::vector<std::string> mixed_queries() {
  std::vector<std::string> out;
  std::istringstream golden(read_file(std::filesystem::path(DATELINE_SOURCE_DIR) / "tests" / "e2e" /
                                      "golden" / "queries.tsv"));
  for (std::string line; std::getline(golden, line);)
    out.push_back(line.substr(line.find('\t') + 1));
  const auto english = search_all("lang:en");
  for (std::size_t i = 0, sentences = 0; sentences < 6; i += 17) {
    const std::string& title = english.hits.at(i).article.title;
    if (words_of(title).size() < 5 || title.find_first_of("\"()*:+-") != std::string::npos)
      continue;
    out.push_back(title);
    ++sentences;
  }
  const auto everything = search_all("date:1000..9999 OR lang:de OR lang:ja OR lang:ar");
  for (std::size_t i = 0; out.size() < 56; i += 13) {
    const auto words = words_of(everything.hits.at(i).article.body);
    if (words.size() > 10) out.push_back(words[10]);
  }
  return out;
}

}  // namespace dateline::test
