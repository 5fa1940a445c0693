// Snippets: the passage of a text that best shows why it matched, with the matching words
// marked. A snippet is data (text + byte ranges); rendering it is the renderers' job.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"
#include "dateline/search.h"  // Snippet, ByteRange
#include "index/word_map.h"
#include "search/highlight_terms.h"

namespace dateline {

// Makes snippets and highlights for the terms of one query. Not thread-safe (uses the Analyzer).
class SnippetMaker {
 public:
  SnippetMaker(Analyzer& analyzer, const HighlightTerms& terms);

  // The passage of about `max_chars` characters of `text` (in language `lang`) with the most
  // distinct matching words, then the most matches; cut at word boundaries. Without any match,
  // the start of the text.
  Snippet passage(std::string_view text, std::string_view lang, std::size_t max_chars);

  // A word of a text that may match, from the index: its index in the text's words, and what
  // it matches as (key_of_term(), or a compound's part stem).
  struct WordHit {
    std::uint32_t word = 0;
    std::string key;          // "" for a word that matches only in a phrase
    std::string phrase_word;  // the word, where a phrase of the query has it
  };
  // The same passage, analysing only the stretch of the text around its matches: `map` is the
  // text's word map, `hits` (sorted by word) the words that may match. Nothing where the map
  // and analysis disagree (a database analysed otherwise) or CJK strings are to be found
  // (they match inside runs of words): then passage().
  std::optional<Snippet> passage_from_positions(std::string_view text, std::string_view lang,
                                                std::size_t max_chars, const WordMap& map,
                                                const std::vector<WordHit>& hits);

  // The words of `text` that may match, found by analysing it: what the index's positions give
  // (body_positions.h) for the database's own text, so that a searcher without them (over
  // remote shards) makes the same snippets.
  std::vector<WordHit> hits_by_analysis(std::string_view text, std::string_view lang);
  // Hits of words and of compounds' parts as one list sorted by word, one hit a word: its own
  // key where it has one (as match_key() prefers it), else its first part's (by key).
  static std::vector<WordHit> merged_hits(std::vector<WordHit> words, std::vector<WordHit> parts);

  // What a body word indexed as `term` (folded, unprefixed) matches as, as match_key() says
  // ("" for nothing). For choosing where to look: it may miss a word whose stem does not start
  // as the word does (English "dying" -> "die"), and find a number that does not match.
  std::string key_of_term(const std::string& term, std::string_view lang);
  // Whether a phrase of the query has the word `term`.
  bool in_phrase(const std::string& term) const;
  // Whether a compound whose part has the stem `part_stem` matches.
  bool part_matches(const std::string& part_stem) const;
  // Whether the matches of this query can be found from positions.
  bool matches_by_position() const { return terms_.body.cjk.empty(); }

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
    std::uint32_t start = 0, end = 0;  // bytes of the text, from the first match to the last
    bool found = false;                // false: no match fits, show the start of the text
  };
  // The first and last word of the run of `hits` within `max_chars` that best_window() would
  // score highest, by `word_chars`: each word's (estimated) first character, and the text's
  // length last. Nothing when no hit matches alone and no phrase is whole.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> best_cluster(
      const std::vector<WordHit>& hits, const std::vector<std::size_t>& word_chars,
      std::size_t max_chars) const;
  static Window best_window(const std::vector<Match>& matches, const Layout& layout,
                            std::size_t max_chars);
  static std::pair<std::size_t, std::size_t> with_context(const Window& window,
                                                          const Layout& layout,
                                                          std::size_t max_chars);
  static Snippet copy(const std::vector<Match>& matches, const Layout& layout,
                      std::size_t first_token, std::size_t last_token, bool cut_back);
  // The tokens of text[from.byte, to.byte), which must be the words [from.word, to.word) of
  // the text: false where they are not.
  bool tokenize_between(std::string_view text, const WordMap::Mark& from, const WordMap::Mark& to,
                        std::vector<Token>& out);

  Analyzer& analyzer_;
  const HighlightTerms& terms_;
  std::set<std::string, std::less<>> phrase_words_;  // of terms_.body's phrases
  // The first bytes of terms_.body's and terms_.title's stems.
  std::bitset<256> body_stem_starts_, title_stem_starts_;
};

}  // namespace dateline
