#include "search/snippet.h"

#include <algorithm>
#include <map>

#include "analysis/stemmer.h"
#include "util/utf8.h"

namespace dateline {
namespace {

using utf8::char_starts;
using utf8::count_chars;

bool is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends `gap` with each run of whitespace as one space.
void append_collapsed(std::string& out, std::string_view gap) {
  bool in_space = false;
  for (char c : gap) {
    if (is_space_byte(c)) {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty() && out.back() != ' ') out += ' ';
    in_space = false;
    out += c;
  }
  if (in_space && !out.empty() && out.back() != ' ') out += ' ';
}

// The index of the token whose bytes hold `offset` (tokens are sorted and disjoint).
std::size_t token_at(const std::vector<Token>& tokens, std::uint32_t offset) {
  auto it = std::upper_bound(tokens.begin(), tokens.end(), offset,
                             [](std::uint32_t o, const Token& t) { return o < t.start; });
  return static_cast<std::size_t>(it - tokens.begin()) - 1;
}

// Whether two letter or number tokens are parts of one written word, joined by a period, colon
// or apostrophe ("U.S", "rock'n'roll").
bool glued(std::string_view text, const Token& before, const Token& after) {
  if (is_cjk(before.kind) || is_cjk(after.kind) || after.start <= before.end) return false;
  const std::string_view gap = text.substr(before.end, after.start - before.end);
  return gap == "." || gap == ":" || gap == "'" || gap == "\xE2\x80\x99";
}

// No trailing space, and no leading one unless the snippet starts with "…".
void trim_spaces(Snippet& snippet, bool cut_front) {
  while (!snippet.text.empty() && snippet.text.back() == ' ') snippet.text.pop_back();
  if (cut_front) return;
  std::size_t lead = 0;
  while (lead < snippet.text.size() && snippet.text[lead] == ' ') ++lead;
  if (lead == 0) return;
  snippet.text.erase(0, lead);
  for (auto& [s, e] : snippet.highlights) {
    s -= static_cast<std::uint32_t>(lead);
    e -= static_cast<std::uint32_t>(lead);
  }
}

// Whether `term` may stem in `lang` to a stem whose first byte is one of `starts` (words are
// folded, so accents are off before stemming). Only such words are stemmed: stemming each word
// of each hit was most of the time snippets took.
bool may_stem_to(const std::bitset<256>& starts, std::string_view term, std::string_view lang) {
  if (term.empty()) return false;
  // English's stemmer takes off a leading apostrophe (ʼRunning folds to 'running, stems to run).
  const std::size_t letter = term.find_first_not_of('\'');
  return starts.test(static_cast<unsigned char>(term[0])) ||
         (letter != std::string_view::npos &&
          starts.test(static_cast<unsigned char>(term[letter]))) ||
         !Stemmer::keeps_first_byte(lang);
}

}  // namespace

SnippetMaker::SnippetMaker(Analyzer& analyzer, const HighlightTerms& terms)
    : analyzer_(analyzer), terms_(terms) {
  for (const auto& phrase : terms_.body.phrases) phrase_words_.insert(phrase.begin(), phrase.end());
  for (auto [stems, starts] : {std::pair{&terms_.body.stems, &body_stem_starts_},
                               std::pair{&terms_.title.stems, &title_stem_starts_}}) {
    for (const std::string& stem : *stems) {
      if (!stem.empty()) starts->set(static_cast<unsigned char>(stem[0]));
    }
  }
}

std::string SnippetMaker::key_of_term(const std::string& term, std::string_view lang) {
  const HighlightTerms::Set& set = terms_.body;
  if (term.empty()) return {};
  if (set.exact.count(term)) return term;
  // As a letter word: a number's stem is empty, so this finds the letter words that match by
  // their stem (and perhaps a number or two that does not).
  if (!set.stems.empty() && may_stem_to(body_stem_starts_, term, lang)) {
    const std::string& stem = analyzer_.cached_stem(lang, TokenKind::kLetter, term);
    if (!stem.empty() && set.stems.count(stem)) return stem;
  }
  for (const std::string& prefix : set.prefixes) {
    if (term.starts_with(prefix)) return prefix + "*";
  }
  return {};
}

std::vector<SnippetMaker::WordHit> SnippetMaker::hits_by_analysis(std::string_view text,
                                                                  std::string_view lang) {
  std::vector<WordHit> words, parts;
  const std::vector<Token> tokens = analyzer_.tokenize(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto word = static_cast<std::uint32_t>(i);
    std::string key = key_of_term(tokens[i].term, lang);
    const bool phrase = in_phrase(tokens[i].term);
    if (!key.empty() || phrase)
      words.push_back({word, std::move(key), phrase ? tokens[i].term : ""});
    for (const std::string& part : analyzer_.part_stems(lang, tokens[i])) {
      if (part_matches(part)) parts.push_back({word, part, ""});
    }
  }
  return merged_hits(std::move(words), std::move(parts));
}

std::vector<SnippetMaker::WordHit> SnippetMaker::merged_hits(std::vector<WordHit> words,
                                                             std::vector<WordHit> parts) {
  const auto by_word = [](const WordHit& a, const WordHit& b) { return a.word < b.word; };
  std::sort(words.begin(), words.end(), by_word);
  std::sort(parts.begin(), parts.end(), [](const WordHit& a, const WordHit& b) {
    return a.word != b.word ? a.word < b.word : a.key < b.key;
  });
  std::vector<WordHit> out;
  out.reserve(words.size() + parts.size());
  std::merge(std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()),
             std::make_move_iterator(parts.begin()), std::make_move_iterator(parts.end()),
             std::back_inserter(out), by_word);  // a word's own hit before its parts'
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (kept > 0 && out[kept - 1].word == out[i].word) {
      if (out[kept - 1].key.empty()) out[kept - 1].key = std::move(out[i].key);
      continue;
    }
    if (kept != i) out[kept] = std::move(out[i]);
    ++kept;
  }
  out.resize(kept);
  return out;
}

bool SnippetMaker::in_phrase(const std::string& term) const {
  return phrase_words_.count(term) > 0;
}

bool SnippetMaker::part_matches(const std::string& part_stem) const {
  return terms_.body.stems.count(part_stem) > 0;
}

std::string SnippetMaker::match_key(const Token& token, std::string_view lang, bool in_title) {
  for (const HighlightTerms::Set* set : {&terms_.body, in_title ? &terms_.title : nullptr}) {
    if (set == nullptr || set->empty()) continue;
    if (set->exact.count(token.term)) return token.term;
    if (!set->stems.empty()) {
      const auto& starts = set == &terms_.body ? body_stem_starts_ : title_stem_starts_;
      if (may_stem_to(starts, token.term, lang)) {
        const std::string& stem = analyzer_.cached_stem(lang, token.kind, token.term);
        if (!stem.empty() && set->stems.count(stem)) return stem;
      }
      if (set == &terms_.body) {  // a compound, marked whole for its part (Bundesregierung)
        for (const std::string& part : analyzer_.part_stems(lang, token)) {
          if (set->stems.count(part)) return part;
        }
      }
    }
    for (const std::string& prefix : set->prefixes) {
      if (token.term.starts_with(prefix)) return prefix + "*";
    }
  }
  return {};
}

void SnippetMaker::find_cjk(std::string_view text, const std::vector<Token>& tokens,
                            std::vector<Match>& out) {
  if (terms_.body.cjk.empty()) return;
  for (const auto& [first, last] : Analyzer::cjk_runs(tokens)) {
    // The folded run, and for each of its characters the original bytes it came from. Where
    // folding changed a word's number of characters, its characters all map to the whole word.
    std::string folded;
    std::vector<std::uint32_t> from, to;
    for (std::size_t i = first; i <= last; ++i) {
      const Token& t = tokens[i];
      const std::string_view original = text.substr(t.start, t.end - t.start);
      const auto folded_chars = char_starts(t.term);
      const auto original_chars = char_starts(original);
      const bool same_length = folded_chars.size() == original_chars.size();
      for (std::size_t c = 0; c < folded_chars.size(); ++c) {
        from.push_back(same_length ? t.start + static_cast<std::uint32_t>(original_chars[c])
                                   : t.start);
        const bool last_char = c + 1 == folded_chars.size();
        to.push_back(same_length && !last_char
                         ? t.start + static_cast<std::uint32_t>(original_chars[c + 1])
                         : t.end);
      }
      folded += t.term;
    }
    const auto starts = char_starts(folded);
    for (const std::string& needle : terms_.body.cjk) {
      for (std::size_t at = folded.find(needle); at != std::string::npos;
           at = folded.find(needle, at + 1)) {
        const auto first_char = static_cast<std::size_t>(
            std::lower_bound(starts.begin(), starts.end(), at) - starts.begin());
        const auto last_char =
            static_cast<std::size_t>(
                std::lower_bound(starts.begin(), starts.end(), at + needle.size()) -
                starts.begin()) -
            1;
        out.push_back({from[first_char], to[last_char], needle});
      }
    }
  }
}

// Every place where a phrase's words follow each other, as one match.
void SnippetMaker::find_phrases(const std::vector<Token>& tokens, bool in_title,
                                std::vector<Match>& out) {
  for (const HighlightTerms::Set* set : {&terms_.body, in_title ? &terms_.title : nullptr}) {
    if (set == nullptr) continue;
    for (const auto& phrase : set->phrases) {
      std::string key;
      for (const std::string& word : phrase) key += word + " ";
      for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
        std::size_t k = 0;
        while (k < phrase.size() && tokens[i + k].term == phrase[k]) ++k;
        if (k == phrase.size()) out.push_back({tokens[i].start, tokens[i + k - 1].end, key});
      }
    }
  }
}

std::vector<SnippetMaker::Match> SnippetMaker::find_matches(std::string_view text,
                                                            const std::vector<Token>& tokens,
                                                            std::string_view lang, bool in_title) {
  std::vector<Match> found;
  for (const Token& token : tokens) {
    std::string key = match_key(token, lang, in_title);
    if (!key.empty()) found.push_back({token.start, token.end, std::move(key)});
  }
  find_phrases(tokens, in_title, found);
  find_cjk(text, tokens, found);
  // Sorted, and overlapping matches (a word inside a CJK match) merged into one.
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Match> merged;
  for (Match& m : found) {
    if (!merged.empty() && m.start < merged.back().end) {
      merged.back().end = std::max(merged.back().end, m.end);
    } else {
      merged.push_back(std::move(m));
    }
  }
  return merged;
}

std::vector<ByteRange> SnippetMaker::highlight_all(std::string_view text, std::string_view lang) {
  std::vector<ByteRange> ranges;
  for (const Match& m : find_matches(text, analyzer_.tokenize(text), lang, true)) {
    ranges.emplace_back(m.start, m.end);
  }
  return ranges;
}

// Where each token of a text starts and ends in characters, counted once, so that windows can
// be measured in characters (the budget) while cuts are made in bytes.
// `tokens` may be some of the text's: the words of one stretch (then `from_start` says whether
// it starts the text), or of several (to measure matches).
struct SnippetMaker::Layout {
  Layout(std::string_view text_in, const std::vector<Token>& tokens_in, bool from_start_in = true)
      : text(text_in),
        tokens(tokens_in),
        from_start(from_start_in),
        char_start(tokens.size()),
        char_end(tokens.size()) {
    std::size_t chars = 0, byte = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      chars += count_chars(text.substr(byte, tokens[i].start - byte));
      char_start[i] = chars;
      chars += count_chars(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
      char_end[i] = chars;
      byte = tokens[i].end;
    }
  }
  // The character offset of a match's start (or, with `is_end`, its end).
  std::size_t char_of(std::uint32_t offset, bool is_end) const {
    const std::size_t t = token_at(tokens, is_end ? offset - 1 : offset);
    if (is_end && offset == tokens[t].end) return char_end[t];
    return char_start[t] + count_chars(text.substr(tokens[t].start, offset - tokens[t].start));
  }

  // Whether the snippet is cut before tokens[i]: the text goes on before it.
  bool cut_before(std::size_t i) const { return i > 0 || !from_start; }

  std::string_view text;
  const std::vector<Token>& tokens;
  bool from_start;
  std::vector<std::size_t> char_start, char_end;
};

namespace {

// The run of entries [first, last] of `count` that `fits(first, last)` with the most distinct
// keys (`key_of(i)`), then the most entries: variety first, so "oil prices" shows both words
// rather than "oil" four times. Each distinct key outweighs any number of repeats. Entries are
// in text order; none when nothing fits.
template <typename KeyOf, typename Fits>
std::optional<std::pair<std::size_t, std::size_t>> best_run(std::size_t count, KeyOf key_of,
                                                            Fits fits) {
  constexpr std::size_t kDistinctKeyWeight = 1000;
  std::optional<std::pair<std::size_t, std::size_t>> best;
  std::size_t best_score = 0;
  std::map<std::string_view, std::size_t> in_run;
  for (std::size_t first = 0, last = 0; first < count; ++first) {
    while (last < count && fits(first, last)) {
      ++in_run[key_of(last)];
      ++last;
    }
    if (last == first) {
      ++last;  // a single entry longer than the budget: skip it
      continue;
    }
    const std::size_t score = in_run.size() * kDistinctKeyWeight + (last - first);
    if (score > best_score) {
      best_score = score;
      best = std::pair{first, last - 1};
    }
    if (--in_run[key_of(first)] == 0) in_run.erase(key_of(first));
  }
  return best;
}

}  // namespace

// The run of matches that fits `max_chars` as best_run() chooses it.
SnippetMaker::Window SnippetMaker::best_window(const std::vector<Match>& matches,
                                               const Layout& layout, std::size_t max_chars) {
  const auto run = best_run(
      matches.size(), [&](std::size_t i) { return std::string_view(matches[i].key); },
      [&](std::size_t first, std::size_t last) {
        return layout.char_of(matches[last].end, true) -
                   layout.char_of(matches[first].start, false) <=
               max_chars;
      });
  if (!run) return {};
  return Window{matches[run->first].start, matches[run->second].end, true};
}

// The tokens to show [first, last): the window with context, a quarter of the slack before it
// and the rest after, cut between words.
std::pair<std::size_t, std::size_t> SnippetMaker::with_context(const Window& window,
                                                               const Layout& layout,
                                                               std::size_t max_chars) {
  const auto& tokens = layout.tokens;
  std::size_t first_token = 0;
  if (window.found) {
    const std::size_t span_start = layout.char_of(window.start, false);
    const std::size_t span = layout.char_of(window.end, true) - span_start;
    const std::size_t before = max_chars > span ? (max_chars - span) / 4 : 0;
    first_token = token_at(tokens, window.start);
    while (first_token > 0 && span_start - layout.char_start[first_token - 1] <= before) {
      --first_token;
    }
    // Never start inside a written word: "U.S." is two tokens, the snippet starts at "U".
    while (first_token > 0 && glued(layout.text, tokens[first_token - 1], tokens[first_token])) {
      --first_token;
    }
  }
  const std::size_t start_char =
      layout.cut_before(first_token) ? layout.char_start[first_token] : 0;
  std::size_t last_token = first_token;
  while (last_token < tokens.size() && layout.char_end[last_token] - start_char <= max_chars) {
    ++last_token;
  }
  return {first_token, last_token};
}

// The tokens [first, last) with the collapsed gaps between them, "…" where the text goes on,
// and the matches inside them as ranges into the snippet.
Snippet SnippetMaker::copy(const std::vector<Match>& matches, const Layout& layout,
                           std::size_t first_token, std::size_t last_token, bool cut_back) {
  const auto& tokens = layout.tokens;
  const std::string_view text = layout.text;
  const bool cut_front = layout.cut_before(first_token);
  Snippet snippet;
  if (cut_front) snippet.text += kEllipsis;
  std::vector<std::size_t> out_at(tokens.size());
  std::size_t byte = cut_front ? tokens[first_token].start : 0;
  for (std::size_t i = first_token; i < last_token; ++i) {
    append_collapsed(snippet.text, text.substr(byte, tokens[i].start - byte));
    out_at[i] = snippet.text.size();
    snippet.text.append(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
    byte = tokens[i].end;
  }
  if (!cut_back) append_collapsed(snippet.text, text.substr(byte));
  for (const Match& m : matches) {
    const std::size_t a = token_at(tokens, m.start), b = token_at(tokens, m.end - 1);
    if (a < first_token || b >= last_token) continue;
    snippet.highlights.emplace_back(
        static_cast<std::uint32_t>(out_at[a] + (m.start - tokens[a].start)),
        static_cast<std::uint32_t>(out_at[b] + (m.end - tokens[b].start)));
  }
  trim_spaces(snippet, cut_front);
  if (cut_back) snippet.text += kEllipsis;
  return snippet;
}

Snippet SnippetMaker::passage(std::string_view text, std::string_view lang, std::size_t max_chars) {
  const std::vector<Token> tokens = analyzer_.tokenize(text);
  const Layout layout(text, tokens);
  const std::vector<Match> matches = find_matches(text, tokens, lang, false);
  const Window window = best_window(matches, layout, max_chars);
  const auto [first_token, last_token] = with_context(window, layout, max_chars);
  const bool cut_back =
      last_token < tokens.size() || (tokens.empty() && count_chars(text) > max_chars);
  return copy(matches, layout, first_token, last_token, cut_back);
}

bool SnippetMaker::tokenize_between(std::string_view text, const WordMap::Mark& from,
                                    const WordMap::Mark& to, std::vector<Token>& out) {
  const std::size_t before = out.size();
  analyzer_.tokenize(text.substr(from.byte, to.byte - from.byte), out);
  if (out.size() - before != to.word - from.word) return false;
  for (std::size_t i = before; i < out.size(); ++i) {
    out[i].start += from.byte;
    out[i].end += from.byte;
  }
  // A mark is a word's first byte; the text's start need not be.
  return from.byte == 0 || out.size() == before || out[before].start == from.byte;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> SnippetMaker::best_cluster(
    const std::vector<WordHit>& hits, const std::vector<std::size_t>& word_chars,
    std::size_t max_chars) const {
  // What matches where: the words that match alone, and the phrases whose words follow each
  // other (a phrase's word alone is no match), as first word, last word and key.
  struct Found {
    std::uint32_t first, last;
    std::string_view key;
    bool operator<(const Found& o) const { return first < o.first; }
  };
  std::vector<Found> found;
  for (const WordHit& hit : hits) {
    if (!hit.key.empty()) found.push_back({hit.word, hit.word, hit.key});
  }
  const auto phrase_word_at = [&](std::uint32_t word) -> std::string_view {
    const auto it = std::lower_bound(hits.begin(), hits.end(), word,
                                     [](const WordHit& h, std::uint32_t w) { return h.word < w; });
    return it != hits.end() && it->word == word ? std::string_view(it->phrase_word) : "";
  };
  std::vector<std::string> phrase_keys;
  phrase_keys.reserve(terms_.body.phrases.size());
  for (const auto& phrase : terms_.body.phrases) {
    std::string& key = phrase_keys.emplace_back();
    for (const std::string& word : phrase) key += word + " ";
    for (const WordHit& hit : hits) {
      std::size_t k = 0;
      while (k < phrase.size() &&
             phrase_word_at(hit.word + static_cast<std::uint32_t>(k)) == phrase[k])
        ++k;
      if (!phrase.empty() && k == phrase.size()) {
        found.push_back({hit.word, hit.word + static_cast<std::uint32_t>(k) - 1, key});
      }
    }
  }
  std::stable_sort(found.begin(), found.end());
  // From the first character of one word to the last of another (before the next word).
  const auto span = [&](std::uint32_t a, std::uint32_t b) {
    const std::size_t end = word_chars[std::min<std::size_t>(b + 1, word_chars.size() - 1)];
    return end > word_chars[a] + 1 ? end - word_chars[a] - 1 : 0;
  };

  if (found.empty()) return std::nullopt;
  // The run of them within the budget, as best_window() chooses among matches.
  const auto run = best_run(
      found.size(), [&](std::size_t i) { return found[i].key; },
      [&](std::size_t first, std::size_t last) {
        return span(found[first].first, found[last].last) <= max_chars;
      });
  // None fits by the estimates (a stretch's characters spread evenly over its words can make a
  // short match look long): the first match's stretch is analysed, where its real length shows.
  if (!run) return std::pair{found.front().first, found.front().last};
  return std::pair{found[run->first].first, found[run->second].last};
}

// Analysing a body whole costs about a microsecond per 10 bytes (ICU's word breaks, then a stem
// lookup per word). From the index's positions of the words that may match, the cluster of
// them that best fills a snippet is found without analysis; then only the stretch between
// marks around it is analysed, and the window is chosen among the matches found there. So the
// highlights are exact (each stretch analyses as the whole text would), and the window is the
// one passage() would choose unless a better cluster lay where positions, counted in words
// rather than characters, did not look.
std::optional<Snippet> SnippetMaker::passage_from_positions(std::string_view text,
                                                            std::string_view lang,
                                                            std::size_t max_chars,
                                                            const WordMap& map,
                                                            const std::vector<WordHit>& hits) {
  // A word takes a byte at least, and hits are sorted: a map or hits past the text are of a
  // text analysed otherwise than it was indexed (or of damaged data).
  if (!matches_by_position() || map.words > text.size() ||
      (!hits.empty() && hits.back().word >= map.words)) {
    return std::nullopt;
  }
  // The stretches' bounds: the text's start, the marks, the text's end; and their characters.
  std::vector<WordMap::Mark> bounds{{0, 0}};
  for (const WordMap::Mark& mark : map.marks) {
    if (mark.byte <= bounds.back().byte || mark.byte >= text.size()) return std::nullopt;
    bounds.push_back(mark);
  }
  bounds.push_back({map.words, static_cast<std::uint32_t>(text.size())});
  if (bounds.size() < 3) return std::nullopt;
  std::vector<std::size_t> bound_chars(bounds.size());
  for (std::size_t k = 1; k < bounds.size(); ++k) {
    bound_chars[k] =
        bound_chars[k - 1] +
        count_chars(text.substr(bounds[k - 1].byte, bounds[k].byte - bounds[k - 1].byte));
  }
  const auto stretch_of = [&](std::uint32_t word) {
    const auto it =
        std::upper_bound(bounds.begin(), bounds.end(), word,
                         [](std::uint32_t w, const WordMap::Mark& m) { return w < m.word; });
    return static_cast<std::size_t>(it - bounds.begin()) - 1;
  };

  // The cluster: as best_window() scores windows, with each word's first character estimated
  // from its stretch's (the stretch's characters shared evenly by its words).
  std::vector<std::size_t> word_chars(std::size_t{map.words} + 1);
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    const std::size_t words = bounds[k + 1].word - bounds[k].word;
    for (std::size_t w = 0; w < words; ++w) {
      word_chars[bounds[k].word + w] =
          bound_chars[k] + (bound_chars[k + 1] - bound_chars[k]) * w / words;
    }
  }
  word_chars[map.words] = bound_chars.back();
  // Without a cluster no word matches alone and no phrase is whole: the start is shown.
  const auto cluster = best_cluster(hits, word_chars, max_chars);

  // The stretches [from, to) to analyse: the cluster's, widened until the window chosen in
  // them has the context with_context() may want: a quarter of the budget before it, the
  // budget after its start.
  std::size_t from = cluster ? stretch_of(cluster->first) : 0;
  std::size_t to = cluster ? stretch_of(cluster->second) + 1 : 1;
  const std::size_t last_bound = bounds.size() - 1;
  std::vector<Token> tokens;
  std::vector<Match> matches;
  Window window;
  // Widened to what the window needs at once; a wider stretch may hold a better window, which
  // may need more: a few rounds at most (past kMaxRounds, the whole text is analysed instead).
  constexpr int kMaxRounds = 4;
  for (int round = 0;; ++round) {
    if (round == kMaxRounds) return std::nullopt;
    tokens.clear();
    if (!tokenize_between(text, bounds[from], bounds[to], tokens)) return std::nullopt;
    matches = find_matches(text, tokens, lang, false);
    const Layout layout(text, tokens, from == 0);
    window = best_window(matches, layout, max_chars);
    // No match where the index said: passage() may find one elsewhere (a hit may be a number
    // key_of_term() took for a word).
    if (!window.found && cluster) return std::nullopt;
    const std::size_t window_char = window.found ? layout.char_of(window.start, false) : 0;
    std::size_t want_from = from, want_to = to;
    while (want_from > 0 && bound_chars[want_from] + max_chars / 4 >= window_char) --want_from;
    while (want_to < last_bound && bound_chars[want_to] <= window_char + max_chars) ++want_to;
    if (want_from == from && want_to == to) break;
    from = want_from;
    to = want_to;
  }
  const Layout layout(text, tokens, from == 0);
  const auto [first_token, last_token] = with_context(window, layout, max_chars);
  const bool cut_back = last_token < tokens.size() || to < last_bound;
  return copy(matches, layout, first_token, last_token, cut_back);
}

}  // namespace dateline
