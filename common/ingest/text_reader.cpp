#include "ingest/text_reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <vector>

#include "ingest/article_rules.h"
#include "util/ascii.h"

namespace dateline {
namespace {

std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> items;
  while (!value.empty()) {
    const std::size_t cut = value.find_first_of(",;");
    items.emplace_back(trim(value.substr(0, cut)));
    if (cut == std::string_view::npos) break;
    value.remove_prefix(cut + 1);
  }
  return items;
}

// Splits off the next line (without its line end) from `rest`.
std::string_view next_line(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A header line's key and what it sets. Keys are case-insensitive; authors and tags are lists.
struct HeaderField {
  std::string_view key;
  void (*set)(Article& article, std::string_view value);
};

constexpr HeaderField kHeaderFields[] = {
    {"title", [](Article& a, std::string_view v) { a.title = v; }},
    {"date", [](Article& a, std::string_view v) { a.date = v; }},
    {"author", [](Article& a, std::string_view v) { a.authors = split_list(v); }},
    {"authors", [](Article& a, std::string_view v) { a.authors = split_list(v); }},
    {"byline", [](Article& a, std::string_view v) { a.authors = split_list(v); }},
    {"source", [](Article& a, std::string_view v) { a.source = v; }},
    {"url", [](Article& a, std::string_view v) { a.url = v; }},
    {"lang", [](Article& a, std::string_view v) { a.lang = v; }},
    {"language", [](Article& a, std::string_view v) { a.lang = v; }},
    {"tags", [](Article& a, std::string_view v) { a.tags = split_list(v); }},
    {"topics", [](Article& a, std::string_view v) { a.tags = split_list(v); }},
    {"keywords", [](Article& a, std::string_view v) { a.tags = split_list(v); }},
};

// A "Key: value" line: the key (lower case; a word of at most 20 letters, digits, '-' or '_')
// and the value. Nothing for a line of another shape.
std::optional<std::pair<std::string, std::string_view>> key_value(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 20) return std::nullopt;
  const std::string_view key = line.substr(0, colon);
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return std::nullopt;
  }
  return std::make_pair(ascii_lower(key), trim(line.substr(colon + 1)));
}

const HeaderField* header_field(const std::string& key) {
  for (const HeaderField& field : kHeaderFields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

// Parses the header block when the text starts with one (its first line has a known key);
// returns the rest of the text. The block ends at a blank line, or at the first line not of
// the form "Key: value"; keys it does not know ("Keywords" aside, e.g. "Slug") are skipped.
std::string_view read_header(std::string_view text, Article& article) {
  std::string_view rest = text;
  const auto first = key_value(next_line(rest));
  if (!first || header_field(first->first) == nullptr) return text;
  rest = text;
  while (!rest.empty()) {
    std::string_view probe = rest;
    const std::string_view line = next_line(probe);
    if (trim(line).empty()) return probe;  // the blank line ending the header
    const auto entry = key_value(line);
    if (!entry) return rest;  // no blank line: the header ends where its lines end
    if (const HeaderField* field = header_field(entry->first)) field->set(article, entry->second);
    rest = probe;
  }
  return rest;
}

}  // namespace

void read_text_article(std::string_view content, std::string id, std::string_view file_name,
                       ArticleSink& sink) {
  const Location where{file_name, 0};
  Article article;
  std::string_view body = read_header(content, article);
  if (article.title.empty()) {
    while (!body.empty()) {
      const std::string_view line = next_line(body);
      if (!trim(line).empty()) {
        article.title = trim(line);
        break;
      }
    }
  }
  article.body = trim(body);
  // A URL is the article's own name for itself, stable however the file is found or named.
  if (article.url.empty()) article.id = std::move(id);
  finish_and_deliver(std::move(article), where, sink);
}

}  // namespace dateline
