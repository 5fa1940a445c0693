#include "snippet.h"

#include <map>

namespace dateline {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !is_continuation(c);
  return n;
}

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

struct Match {
  std::size_t token;  // index into the tokens
  std::string key;
};

}  // namespace

std::string SnippetMaker::match_key(const Token& token, std::string_view lang, bool in_title) {
  for (const HighlightTerms::Set* set : {&terms_.body, in_title ? &terms_.title : nullptr}) {
    if (set == nullptr || set->empty()) continue;
    if (set->exact.count(token.term)) return token.term;
    if (!set->stems.empty()) {
      std::string stem = analyzer_.stem(lang, token);
      if (!stem.empty() && set->stems.count(stem)) return stem;
    }
    for (const std::string& prefix : set->prefixes) {
      if (token.term.starts_with(prefix)) return prefix + "*";
    }
  }
  return {};
}

std::vector<ByteRange> SnippetMaker::highlight_all(std::string_view text, std::string_view lang) {
  std::vector<ByteRange> ranges;
  for (const Token& token : analyzer_.tokenize(text)) {
    if (!match_key(token, lang, true).empty()) ranges.emplace_back(token.start, token.end);
  }
  return ranges;
}

Snippet SnippetMaker::passage(std::string_view text, std::string_view lang, std::size_t max_chars) {
  const std::vector<Token> tokens = analyzer_.tokenize(text);
  // Character offsets of every token, counted once.
  std::vector<std::size_t> char_start(tokens.size()), char_end(tokens.size());
  std::size_t chars = 0, byte = 0;
  std::vector<Match> matches;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    chars += count_chars(text.substr(byte, tokens[i].start - byte));
    char_start[i] = chars;
    chars += count_chars(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
    char_end[i] = chars;
    byte = tokens[i].end;
    std::string key = match_key(tokens[i], lang, false);
    if (!key.empty()) matches.push_back({i, std::move(key)});
  }

  // The window of matches that fits the budget with the most distinct keys, then most matches.
  std::size_t best_first = 0, best_last = 0, best_score = 0;
  std::map<std::string, std::size_t> in_window;
  for (std::size_t first = 0, last = 0; first < matches.size(); ++first) {
    while (last < matches.size() &&
           char_end[matches[last].token] - char_start[matches[first].token] <= max_chars) {
      ++in_window[matches[last].key];
      ++last;
    }
    if (last > first) {
      const std::size_t score = in_window.size() * 1000 + (last - first);
      if (score > best_score) {
        best_score = score;
        best_first = first;
        best_last = last - 1;
      }
    }
    if (last > first && --in_window[matches[first].key] == 0) in_window.erase(matches[first].key);
    if (last == first) ++last;  // a single word longer than the budget: skip it
  }

  // Extend the window with context: a quarter of the slack before, the rest after, cut at words.
  std::size_t first_token = 0;
  if (best_score > 0) {
    const std::size_t span_start = char_start[matches[best_first].token];
    const std::size_t span = char_end[matches[best_last].token] - span_start;
    const std::size_t before = max_chars > span ? (max_chars - span) / 4 : 0;
    first_token = matches[best_first].token;
    while (first_token > 0 && span_start - char_start[first_token - 1] <= before) --first_token;
  }
  const bool cut_front = first_token > 0;
  const std::size_t start_byte = cut_front ? tokens[first_token].start : 0;
  const std::size_t start_char = cut_front ? char_start[first_token] : 0;
  std::size_t last_token = first_token;  // one past the last token shown
  while (last_token < tokens.size() && char_end[last_token] - start_char <= max_chars) ++last_token;
  const bool cut_back =
      last_token < tokens.size() || (tokens.empty() && count_chars(text) > max_chars);
  const std::size_t end_byte =
      cut_back ? (last_token > first_token ? tokens[last_token - 1].end : start_byte) : text.size();

  Snippet snippet;
  if (cut_front) snippet.text += kEllipsis;
  std::size_t next_match = 0;
  while (next_match < matches.size() && matches[next_match].token < first_token) ++next_match;
  byte = start_byte;
  for (std::size_t i = first_token; i < last_token; ++i) {
    append_collapsed(snippet.text, text.substr(byte, tokens[i].start - byte));
    const bool matched = next_match < matches.size() && matches[next_match].token == i;
    const auto at = static_cast<std::uint32_t>(snippet.text.size());
    snippet.text.append(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
    if (matched) {
      snippet.highlights.emplace_back(at, static_cast<std::uint32_t>(snippet.text.size()));
      ++next_match;
    }
    byte = tokens[i].end;
  }
  if (!cut_back) append_collapsed(snippet.text, text.substr(byte, end_byte - byte));
  // No leading or trailing space, and "…" where the text goes on.
  while (!snippet.text.empty() && snippet.text.back() == ' ') snippet.text.pop_back();
  if (!cut_front) {
    std::size_t lead = 0;
    while (lead < snippet.text.size() && snippet.text[lead] == ' ') ++lead;
    if (lead > 0) {
      snippet.text.erase(0, lead);
      for (auto& [s, e] : snippet.highlights) {
        s -= static_cast<std::uint32_t>(lead);
        e -= static_cast<std::uint32_t>(lead);
      }
    }
  }
  if (cut_back) snippet.text += kEllipsis;
  return snippet;
}

}  // namespace dateline
