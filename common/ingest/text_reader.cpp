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

enum class HeaderKey { kTitle, kDate, kAuthor, kSource, kUrl, kLang, kTags };

std::optional<HeaderKey> header_key(std::string_view line, std::string_view& value) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 12) return std::nullopt;
  const std::string key = ascii_lower(line.substr(0, colon));

  static const std::pair<std::string_view, HeaderKey> kKeys[] = {
      {"title", HeaderKey::kTitle},   {"date", HeaderKey::kDate},
      {"author", HeaderKey::kAuthor}, {"authors", HeaderKey::kAuthor},
      {"source", HeaderKey::kSource}, {"url", HeaderKey::kUrl},
      {"lang", HeaderKey::kLang},     {"language", HeaderKey::kLang},
      {"tags", HeaderKey::kTags}};
  for (const auto& [name, k] : kKeys) {
    if (key == name) {
      value = trim(line.substr(colon + 1));
      return k;
    }
  }
  return std::nullopt;
}

// Parses the header block when the text starts with one; returns the rest of the text.
std::string_view read_header(std::string_view text, Article& article) {
  std::string_view rest = text;
  std::string_view value;
  if (!header_key(next_line(rest), value)) return text;
  rest = text;
  for (;;) {
    if (rest.empty()) return rest;
    std::string_view probe = rest;
    const std::string_view line = next_line(probe);
    if (trim(line).empty()) return probe;  // the blank line ending the header
    auto key = header_key(line, value);
    if (!key) return rest;  // no blank line: the header ends where its lines end
    rest = probe;
    switch (*key) {
      case HeaderKey::kTitle:
        article.title = value;
        break;
      case HeaderKey::kDate:
        article.date = value;
        break;
      case HeaderKey::kAuthor:
        article.authors = split_list(value);
        break;
      case HeaderKey::kSource:
        article.source = value;
        break;
      case HeaderKey::kUrl:
        article.url = value;
        break;
      case HeaderKey::kLang:
        article.lang = value;
        break;
      case HeaderKey::kTags:
        article.tags = split_list(value);
        break;
    }
  }
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
