#include "analysis/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include <stdexcept>

#include "analysis/ascii_words.h"
#include "analysis/decompounder.h"
#include "analysis/han_simplified.h"
#include "analysis/stemmer.h"
#include "util/utf8.h"

namespace dateline {
namespace {

const icu::Normalizer2& normalizer(const char* name, UNormalization2Mode mode) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, name, mode, status);
  if (U_FAILURE(status) || n == nullptr) {
    throw std::runtime_error(std::string("ICU normalizer unavailable: ") + u_errorName(status));
  }
  return *n;
}

const icu::Normalizer2& nfkc_casefold() { return normalizer("nfkc_cf", UNORM2_COMPOSE); }
const icu::Normalizer2& nfd() { return normalizer("nfc", UNORM2_DECOMPOSE); }
const icu::Normalizer2& nfc() { return normalizer("nfc", UNORM2_COMPOSE); }

// Whether a nonspacing mark after a letter of `base_script` is an accent to remove.
bool is_accent(UScriptCode base_script, UChar32 base, UChar32 mark) {
  switch (base_script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_ARABIC:
      return true;
    case USCRIPT_CYRILLIC:
      // Stress marks, and ё -> е; й, ї, ў are letters of their own.
      return mark == 0x0300 || mark == 0x0301 || (mark == 0x0308 && base == 0x0435);
    default:
      return false;
  }
}

constexpr UChar32 kTatweel = 0x0640;

// The letters Arabic IR reads as one (Lucene's ArabicNormalizer): ta marbuta as ha
// (السعودية = السعوديه), alef maksura as ya (على = علي). The hamza forms of alef (أ إ آ) are
// already alef: NFD splits off the hamza and madda, which are accents here.
UChar32 arabic_normalised(UChar32 c) {
  if (c == 0x0629) return 0x0647;  // ة -> ه
  if (c == 0x0649) return 0x064A;  // ى -> ي
  return c;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string fold_unicode(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString folded = nfkc_casefold().normalize(source, status);
  const icu::UnicodeString decomposed = nfd().normalize(folded, status);
  icu::UnicodeString kept;
  UScriptCode base_script = USCRIPT_COMMON;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    c = is_bmp_han(c) ? han_simplified(c) : arabic_normalised(c);
    if (c == kTatweel) continue;
    if (c == 0x2019 || c == 0x02BC) {  // typographic apostrophes inside words
      kept.append(static_cast<UChar32>('\''));
      continue;
    }
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (is_accent(base_script, base, c)) continue;
    } else {
      base = c;
      base_script = uscript_getScript(c, &status);
    }
    kept.append(c);
  }
  const icu::UnicodeString composed = nfc().normalize(kept, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  composed.toUTF8String(out);
  return out;
}

TokenKind kind_of(int32_t rule_status) {
  if (rule_status < UBRK_WORD_LETTER) return TokenKind::kNumber;
  if (rule_status < UBRK_WORD_KANA) return TokenKind::kLetter;
  if (rule_status < UBRK_WORD_IDEO) return TokenKind::kKana;
  return TokenKind::kIdeo;
}

}  // namespace

struct Analyzer::Icu {
  std::unique_ptr<icu::BreakIterator> words;
  UText* text = nullptr;
  ~Icu() { utext_close(text); }
};

Analyzer::Analyzer() : icu_(std::make_unique<Icu>()) {
  UErrorCode status = U_ZERO_ERROR;
  icu_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU word breaker unavailable: ") + u_errorName(status));
  }
}

Analyzer::~Analyzer() = default;

std::string Analyzer::fold(std::string_view text) {
  if (is_ascii(text)) {
    std::string out(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  return fold_unicode(text);
}

void Analyzer::tokenize(std::string_view text, std::vector<Token>& out) {
  if (is_ascii(text)) {
    ascii_words_.clear();
    ascii_words(text, ascii_words_);
    for (const AsciiWord& w : ascii_words_) {
      if (w.number) {
        add_token(text, w.start, w.end, TokenKind::kNumber, out);
      } else {
        split_word(text, w.start, w.end, out);
      }
    }
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu_->text = utext_openUTF8(icu_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  icu_->words->setText(icu_->text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot segment text");
  int32_t start = icu_->words->first();
  for (int32_t end = icu_->words->next(); end != icu::BreakIterator::DONE;
       start = end, end = icu_->words->next()) {
    const int32_t rule_status = icu_->words->getRuleStatus();
    if (rule_status < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols
    const TokenKind kind = kind_of(rule_status);
    if (kind == TokenKind::kLetter) {
      split_word(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end), out);
    } else {
      add_token(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end), kind, out);
    }
  }
}

namespace {

struct Piece {
  std::size_t start, end;  // bytes of the text
  bool after_apostrophe;   // the separator before it was an apostrophe
};

// The elided articles, prepositions and pronouns of French and Italian, folded: "l'État",
// "d'Italia", "qu'il", "dell'Unione", "nell'anno". The word they are elided onto is the word.
bool is_elision(std::string_view folded) {
  static constexpr std::string_view kElisions[] = {
      "l",    "d",     "j",      "m",      "n",      "s",     "t",      "c",
      "qu",   "jusqu", "lorsqu", "puisqu", "quoiqu", "dell",  "dall",   "nell",
      "sull", "all",   "coll",   "un",     "quell",  "quest", "nessun", "buon"};
  for (std::string_view e : kElisions) {
    if (folded == e) return true;
  }
  return false;
}

bool is_apostrophe_at(std::string_view text, std::size_t i, std::size_t& width) {
  width = text[i] == '\'' ? 1 : text.substr(i, 3) == "\xE2\x80\x99" ? 3 : 0;  // ' or U+2019
  return width > 0;
}

}  // namespace

void Analyzer::add_token(std::string_view text, std::size_t start, std::size_t end, TokenKind kind,
                         std::vector<Token>& out) {
  add_folded(fold(text.substr(start, end - start)), start, end, kind, out);
}

// A letter word whose range may hold a possessive after it and an elision before it (their
// apostrophes are the only ones a piece can hold): the term is the word alone.
void Analyzer::add_piece(std::string_view text, std::size_t start, std::size_t end,
                         std::vector<Token>& out) {
  std::size_t word_start = start, word_end = end, width = 0;
  for (std::size_t i = end; i-- > start;) {  // "'s" at the end
    if (is_apostrophe_at(text, i, width) && i > start) {
      const std::string after = fold(text.substr(i + width, end - i - width));
      if (after == "s" || after.empty()) word_end = i;
      break;
    }
  }
  for (std::size_t i = start; i < word_end; ++i) {  // "l'" at the start
    if (is_apostrophe_at(text, i, width)) {
      word_start = i + width;
      break;
    }
  }
  if (word_start >= word_end) {
    word_start = start;
    word_end = end;
  }
  add_folded(fold(text.substr(word_start, word_end - word_start)), start, end, TokenKind::kLetter,
             out);
}

void Analyzer::add_folded(std::string term, std::size_t start, std::size_t end, TokenKind kind,
                          std::vector<Token>& out) {
  if (term.empty() || term.size() > kMaxWordBytes) return;
  out.push_back(Token{std::move(term), static_cast<std::uint32_t>(start),
                      static_cast<std::uint32_t>(end), kind});
}

// ICU keeps "U.S", "PLYL.L", "c:a" and "unit's" as one word. Searchers type the parts
// ("plyl", "unit"), so a letter word is split at inner periods, colons and apostrophes, the
// same way in articles and queries. A separator after a digit stays ("1.13bn"). An English
// possessive ("Brazil's") and a French or Italian elision ("l'État", "dell'Unione") belong to
// their word: the word alone is the term, and its range covers them, so highlights do too.
void Analyzer::split_word(std::string_view text, std::size_t start, std::size_t end,
                          std::vector<Token>& out) {
  std::vector<Piece> pieces;
  std::size_t piece = start;
  bool after_apostrophe = false;
  for (std::size_t i = start; i < end;) {
    std::size_t width = 0;
    const bool apostrophe = is_apostrophe_at(text, i, width);
    if (!apostrophe && (text[i] == '.' || text[i] == ':')) width = 1;
    const bool after_digit = i > start && text[i - 1] >= '0' && text[i - 1] <= '9';
    if (width == 0 || after_digit) {
      ++i;
      continue;
    }
    if (i > piece) pieces.push_back({piece, i, after_apostrophe});
    after_apostrophe = apostrophe;
    i += width;
    piece = i;
  }
  if (end > piece) pieces.push_back({piece, end, after_apostrophe});
  auto folded = [&](const Piece& p) { return fold(text.substr(p.start, p.end - p.start)); };
  if (pieces.size() >= 2 && pieces.back().after_apostrophe && folded(pieces.back()) == "s") {
    pieces.pop_back();  // "brazil's" -> brazil
    pieces.back().end = end;
  }
  if (pieces.size() >= 2 && pieces[1].after_apostrophe && is_elision(folded(pieces[0]))) {
    pieces.erase(pieces.begin());  // "l'état" -> état
    pieces.front().start = start;
  }
  for (const Piece& p : pieces) add_piece(text, p.start, p.end, out);
}

std::vector<std::pair<std::size_t, std::size_t>> Analyzer::cjk_runs(
    const std::vector<Token>& tokens) {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_cjk(tokens[i].kind)) continue;
    if (!runs.empty() && runs.back().second + 1 == i && tokens[i - 1].end == tokens[i].start) {
      runs.back().second = i;
    } else {
      runs.emplace_back(i, i);
    }
  }
  return runs;
}

std::vector<std::string> Analyzer::bigrams(std::string_view folded) {
  std::vector<std::size_t> starts = utf8::char_starts(folded);
  starts.push_back(folded.size());
  std::vector<std::string> out;
  for (std::size_t c = 0; c + 2 < starts.size(); ++c) {
    out.emplace_back(folded.substr(starts[c], starts[c + 2] - starts[c]));
  }
  return out;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens);
  return tokens;
}

Stemmer* Analyzer::stemmer(std::string_view lang) {
  auto it = stemmers_.find(lang);
  if (it == stemmers_.end()) {
    it = stemmers_.emplace(std::string(lang), Stemmer::for_language(lang)).first;
  }
  return it->second.get();
}

bool Analyzer::has_stemmer(std::string_view lang) { return stemmer(lang) != nullptr; }

std::string Analyzer::stem(std::string_view lang, const Token& token) {
  if (token.kind != TokenKind::kLetter) return {};
  Stemmer* s = stemmer(lang);
  if (s == nullptr) return {};
  std::string stemmed = (*s)(token.term);
  // Stemmers can map a word to an empty string or leave it unchanged; both are fine, but an
  // empty stem would make a bare prefix term.
  return stemmed;
}

const std::string& Analyzer::cached_stem(std::string_view lang, TokenKind kind,
                                         std::string_view term) {
  stem_key_.assign(lang);
  stem_key_ += '\0';
  stem_key_ += static_cast<char>(kind);
  stem_key_ += term;
  auto it = stems_.find(stem_key_);
  if (it != stems_.end()) return it->second;
  if (stems_.size() >= kMaxCachedStems) stems_.clear();
  return stems_.emplace(stem_key_, stem(lang, Token{std::string(term), 0, 0, kind})).first->second;
}

bool Analyzer::decompounds(std::string_view lang) { return Decompounder::available(lang); }

const std::vector<std::string>& Analyzer::part_stems(std::string_view lang, const Token& token) {
  static const std::vector<std::string> kNone;
  if (token.kind != TokenKind::kLetter) return kNone;
  const Decompounder* decompounder = Decompounder::for_language(lang);
  if (decompounder == nullptr) return kNone;
  std::string key;
  key.append(lang).append("\x1f").append(token.term);
  auto it = part_stems_.find(key);
  if (it != part_stems_.end()) return it->second;
  constexpr std::size_t kMaxCached = 200000;  // a bound on memory for endless runs
  if (part_stems_.size() >= kMaxCached) part_stems_.clear();
  std::vector<std::string> stems;
  for (std::string& part : decompounder->parts(token.term)) {
    std::string stemmed = stem(lang, Token{std::move(part), token.start, token.end, token.kind});
    if (!stemmed.empty()) stems.push_back(std::move(stemmed));
  }
  return part_stems_.emplace(std::move(key), std::move(stems)).first->second;
}

std::vector<std::pair<std::string, std::string>> Analyzer::settings() {
  return {{"normalization", "nfkc_cf"},
          {"accents", "latin,greek,cyrillic-stress,arabic"},
          {"arabic", "ta-marbuta=ha,alef-maksura=ya"},
          {"han", "traditional-simplified"},
          {"decompounding", Decompounder::description()},
          {"segmentation", "icu-word"},
          {"stemming", Stemmer::description()},
          {"icu", U_ICU_VERSION},
          {"max_word_bytes", std::to_string(kMaxWordBytes)},
          {"cjk", "words+bigrams"}};
}

}  // namespace dateline
