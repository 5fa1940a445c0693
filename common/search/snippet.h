// Snippets: the passage of a text that best shows why it matched, with the matching words
// marked. A snippet is data (text + byte ranges); rendering it is the renderers' job.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"
#include "dateline/search.h"  // Snippet, ByteRange
#include "search/highlight_terms.h"

namespace dateline {

// Makes snippets and highlights for the terms of one query. Not thread-safe (uses the Analyzer).
class SnippetMaker {
 public:
  SnippetMaker(Analyzer& analyzer, const HighlightTerms& terms)
      : analyzer_(analyzer), terms_(terms) {}

  // The passage of about `max_chars` characters of `text` (in language `lang`) with the most
  // distinct matching words, then the most matches; cut at word boundaries. Without any match,
  // the start of the text.
  Snippet passage(std::string_view text, std::string_view lang, std::size_t max_chars);

  // Every match in a short text shown whole (a title): ranges into `text` itself.
  std::vector<ByteRange> highlight_all(std::string_view text, std::string_view lang);

  static constexpr std::string_view kEllipsis = "…";

 private:
  struct Match {
    std::uint32_t start, end;  // bytes of the text
    std::string key;           // what it matched, so that windows can prefer variety
  };

  // The key a token matches under ("" when it does not match).
  std::string match_key(const Token& token, std::string_view lang, bool in_title);
  // Every match in `text`, sorted, overlaps merged: matching words, and CJK strings of the
  // query found inside runs of CJK words.
  std::vector<Match> find_matches(std::string_view text, const std::vector<Token>& tokens,
                                  std::string_view lang, bool in_title);
  void find_cjk(std::string_view text, const std::vector<Token>& tokens, std::vector<Match>& out);
  void find_phrases(const std::vector<Token>& tokens, bool in_title, std::vector<Match>& out);

  // The steps of passage(): measure, choose the window of matches, add context, copy.
  struct Layout;
  struct Window {
    std::size_t first = 0, last = 0;  // matches[first..last]
    bool found = false;               // false: no match fits, show the start of the text
  };
  static Window best_window(const std::vector<Match>& matches, const Layout& layout,
                            std::size_t max_chars);
  static std::pair<std::size_t, std::size_t> with_context(const std::vector<Match>& matches,
                                                          const Window& window,
                                                          const Layout& layout,
                                                          std::size_t max_chars);
  static Snippet copy(const std::vector<Match>& matches, const Layout& layout,
                      std::size_t first_token, std::size_t last_token, bool cut_back);

  // The stem of `token` in `lang`, computed once per query: a query's hits share most of
  // their words, and stemming was over a quarter of a query's time (perf, reuters21578).
  const std::string& cached_stem(std::string_view lang, const Token& token);

  Analyzer& analyzer_;
  const HighlightTerms& terms_;
  std::unordered_map<std::string, std::string> stems_;
  std::string stem_key_;  // cached_stem()'s key, built in place
};

}  // namespace dateline
