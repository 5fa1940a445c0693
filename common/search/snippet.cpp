#include "search/snippet.h"

#include <algorithm>
#include <map>

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

}  // namespace

const std::string& SnippetMaker::cached_stem(std::string_view lang, const Token& token) {
  // The key is built in a buffer kept between calls: a string made per token was an
  // allocation per word of every hit's body.
  stem_key_.assign(lang);
  stem_key_ += '\0';
  stem_key_ += static_cast<char>(token.kind);
  stem_key_ += token.term;
  auto it = stems_.find(stem_key_);
  if (it == stems_.end()) it = stems_.emplace(stem_key_, analyzer_.stem(lang, token)).first;
  return it->second;
}

std::string SnippetMaker::match_key(const Token& token, std::string_view lang, bool in_title) {
  for (const HighlightTerms::Set* set : {&terms_.body, in_title ? &terms_.title : nullptr}) {
    if (set == nullptr || set->empty()) continue;
    if (set->exact.count(token.term)) return token.term;
    if (!set->stems.empty()) {
      const std::string& stem = cached_stem(lang, token);
      if (!stem.empty() && set->stems.count(stem)) return stem;
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
struct SnippetMaker::Layout {
  Layout(std::string_view text_in, const std::vector<Token>& tokens_in)
      : text(text_in), tokens(tokens_in), char_start(tokens.size()), char_end(tokens.size()) {
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

  std::string_view text;
  const std::vector<Token>& tokens;
  std::vector<std::size_t> char_start, char_end;
};

// The run of matches [first, last] that fits `max_chars` with the most distinct keys, then the
// most matches: variety first, so "oil prices" shows both words rather than "oil" four times.
// Each distinct key outweighs any number of repeats.
SnippetMaker::Window SnippetMaker::best_window(const std::vector<Match>& matches,
                                               const Layout& layout, std::size_t max_chars) {
  constexpr std::size_t kDistinctKeyWeight = 1000;
  Window best;
  std::size_t best_score = 0;
  std::map<std::string, std::size_t> in_window;
  for (std::size_t first = 0, last = 0; first < matches.size(); ++first) {
    const std::size_t window_start = layout.char_of(matches[first].start, false);
    while (last < matches.size() &&
           layout.char_of(matches[last].end, true) - window_start <= max_chars) {
      ++in_window[matches[last].key];
      ++last;
    }
    if (last == first) {
      ++last;  // a single match longer than the budget: skip it
      continue;
    }
    const std::size_t score = in_window.size() * kDistinctKeyWeight + (last - first);
    if (score > best_score) {
      best_score = score;
      best = Window{first, last - 1, true};
    }
    if (--in_window[matches[first].key] == 0) in_window.erase(matches[first].key);
  }
  return best;
}

// The tokens to show [first, last): the window with context, a quarter of the slack before it
// and the rest after, cut between words.
std::pair<std::size_t, std::size_t> SnippetMaker::with_context(const std::vector<Match>& matches,
                                                               const Window& window,
                                                               const Layout& layout,
                                                               std::size_t max_chars) {
  const auto& tokens = layout.tokens;
  std::size_t first_token = 0;
  if (window.found) {
    const std::size_t span_start = layout.char_of(matches[window.first].start, false);
    const std::size_t span = layout.char_of(matches[window.last].end, true) - span_start;
    const std::size_t before = max_chars > span ? (max_chars - span) / 4 : 0;
    first_token = token_at(tokens, matches[window.first].start);
    while (first_token > 0 && span_start - layout.char_start[first_token - 1] <= before) {
      --first_token;
    }
    // Never start inside a written word: "U.S." is two tokens, the snippet starts at "U".
    while (first_token > 0 && glued(layout.text, tokens[first_token - 1], tokens[first_token])) {
      --first_token;
    }
  }
  const std::size_t start_char = first_token > 0 ? layout.char_start[first_token] : 0;
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
  const bool cut_front = first_token > 0;
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
  const auto [first_token, last_token] = with_context(matches, window, layout, max_chars);
  const bool cut_back =
      last_token < tokens.size() || (tokens.empty() && count_chars(text) > max_chars);
  return copy(matches, layout, first_token, last_token, cut_back);
}

}  // namespace dateline
