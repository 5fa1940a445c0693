// The one text analyzer, shared by indexing, querying and snippets so that they can never
// tokenize differently (PRODUCT.md section 2).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/ascii_words.h"

namespace dateline {

enum class TokenKind : std::uint8_t {
  kNumber,  // digits, with inner separators ("1.13", "2,000")
  kLetter,  // alphabetic words, in any script with spaces or dictionary segmentation (Thai)
  kKana,    // Japanese kana
  kIdeo,    // CJK ideographs (a dictionary word or a single character)
};

inline bool is_cjk(TokenKind kind) { return kind == TokenKind::kKana || kind == TokenKind::kIdeo; }

struct Token {
  std::string term;         // the folded word
  std::uint32_t start = 0;  // [start, end): byte range of the word in the analysed text
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::kLetter;
};

// Splits text into words and folds them:
//  - words: ICU word boundaries (dictionary segmentation for Chinese, Japanese, Thai);
//    punctuation, spaces and symbols are not words; letter words are also split at inner
//    periods, colons and apostrophes ("U.S" -> "u" "s", "rock'n'roll" -> "rock" "n" "roll"),
//    except that a possessive and an elision belong to their word ("Brazil's" -> "brazil",
//    "l'État" -> "etat", each token's range covering the whole of what was written);
//  - folding: NFKC, Unicode case folding, and removal of accents where marks are accents
//    (Latin, Greek, Arabic; on Cyrillic only stress marks and the diaeresis of ё), never where
//    a mark makes another letter (Japanese dakuten, Hangul, Indic vowel signs); Arabic ta
//    marbuta as ha and alef maksura as ya; Traditional Chinese characters as Simplified;
//  - stemming: Snowball, per language (analysis/stemmer.h; German reads ae/oe/ue as umlauts).
// Not thread-safe: it owns an ICU break iterator. Use one Analyzer per thread.
class Stemmer;

class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Appends the words of `text` (valid UTF-8) to `out`, in order. Words longer than
  // kMaxWordBytes after folding are dropped (they are not language).
  void tokenize(std::string_view text, std::vector<Token>& out);
  std::vector<Token> tokenize(std::string_view text);

  // Folds one word (or any text) as tokenize() folds words.
  static std::string fold(std::string_view text);

  // The stem of folded `term` in `lang` (a BCP 47 primary subtag), or "" when the language
  // has no stemmer or the token is not a word that stems.
  std::string stem(std::string_view lang, const Token& token);
  bool has_stemmer(std::string_view lang);
  // stem() of a word of `kind`, remembered between calls: a searcher's queries and hits share
  // most of their words, and stemming them afresh was a quarter of a query's time (perf,
  // bbc-news). The reference holds until the next call.
  const std::string& cached_stem(std::string_view lang, TokenKind kind, std::string_view term);
  // Words whose stems are remembered at most, then forgotten all at once: about 1 MB.
  static constexpr std::size_t kMaxCachedStems = 8192;

  // The stems of the parts of `token` when it is a compound in `lang` (German:
  // "bundesregierung" -> "bund" "regier"), else nothing. Indexed as extra terms at the
  // compound's position (schema kPartPrefix), beside the compound's own terms, which stay as
  // they were: phrase search for the compound itself is unchanged.
  const std::vector<std::string>& part_stems(std::string_view lang, const Token& token);
  // Whether `lang` has compounds split (German, with the word list installed).
  static bool decompounds(std::string_view lang);

  // Runs of adjacent CJK words (nothing between them in the text), as [first, last] token
  // indices: the dictionary may split a run differently from how a user types a part of it.
  static std::vector<std::pair<std::size_t, std::size_t>> cjk_runs(
      const std::vector<Token>& tokens);
  // The character bigrams of a folded CJK text ("北京大学" -> "北京" "京大" "大学"); a single
  // character gives nothing.
  static std::vector<std::string> bigrams(std::string_view folded);

  // The settings that decide how text is analysed, as (name, value) pairs: stored in each
  // database, so that one analysed otherwise is refused rather than silently mismatched.
  static std::vector<std::pair<std::string, std::string>> settings();

  static constexpr std::size_t kMaxWordBytes = 120;

 private:
  Stemmer* stemmer(std::string_view lang);
  void add_token(std::string_view text, std::size_t start, std::size_t end, TokenKind kind,
                 std::vector<Token>& out);
  void add_piece(std::string_view text, std::size_t start, std::size_t end,
                 std::vector<Token>& out);
  void add_folded(std::string term, std::size_t start, std::size_t end, TokenKind kind,
                  std::vector<Token>& out);
  void split_word(std::string_view text, std::size_t start, std::size_t end,
                  std::vector<Token>& out);

  struct Icu;
  std::unique_ptr<Icu> icu_;
  std::map<std::string, std::unique_ptr<Stemmer>, std::less<>> stemmers_;
  // Words already decompounded, per language ("de\x1f" + word): news repeats its compounds.
  std::unordered_map<std::string, std::vector<std::string>> part_stems_;
  // cached_stem()'s words, by lang + '\0' + kind + term (its key built in place).
  std::unordered_map<std::string, std::string> stems_;
  std::string stem_key_;
  std::vector<AsciiWord> ascii_words_;  // tokenize()'s, reused
};

}  // namespace dateline
