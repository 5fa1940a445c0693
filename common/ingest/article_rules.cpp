#include "ingest/article_rules.h"

#include <cstring>

#include "util/ascii.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/lang_tag.h"
#include "util/utf8.h"

namespace dateline {
namespace {

// Control characters become spaces (see finish_article()).
void blank_control_characters(std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      text[i] = ' ';
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      text.replace(i, 2, " ");
    }
  }
}

void tidy_list(std::vector<std::string>& values) {
  for (std::string& value : values) {
    blank_control_characters(value);
    value = std::string(trim(value));
  }
  std::erase_if(values, [](const std::string& v) { return v.empty(); });
}

void tidy_fields(Article& a) {
  for (std::string* field : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.lang}) {
    blank_control_characters(*field);
  }
  for (std::string* field : {&a.id, &a.title, &a.date, &a.source, &a.url, &a.lang}) {
    *field = std::string(trim(*field));
  }
  tidy_list(a.authors);
  tidy_list(a.tags);
}

// The name of the first field that is not valid UTF-8, or nothing.
std::optional<std::string_view> invalid_utf8_field(const Article& a) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"id", &a.id},         {"title", &a.title}, {"body", &a.body}, {"date", &a.date},
      {"source", &a.source}, {"url", &a.url},     {"lang", &a.lang}};
  for (const auto& [name, value] : fields) {
    if (!utf8::is_valid(*value)) return name;
  }
  for (const auto& [name, list] : {std::pair{"author", &a.authors}, std::pair{"tags", &a.tags}}) {
    for (const std::string& value : *list) {
      if (!utf8::is_valid(value)) return std::string_view(name);
    }
  }
  return std::nullopt;
}

std::optional<std::string> normalise_date(Article& a) {
  if (a.date.empty()) return std::nullopt;
  if (auto date = parse_date(a.date)) {
    a.date = date->to_string();
    return std::nullopt;
  }
  const std::string warning =
      "unreadable date \"" + utf8::excerpt(a.date, 64) + "\"; kept without a date";
  a.date.clear();
  return warning;
}

std::optional<std::string> normalise_lang(Article& a) {
  if (a.lang.empty()) return std::nullopt;
  if (auto lang = language_of_tag(a.lang)) {
    a.lang = *lang;
    return std::nullopt;
  }
  const std::string warning =
      "unreadable lang \"" + utf8::excerpt(a.lang, 32) + "\"; detected instead";
  a.lang.clear();
  return warning;
}

std::string derived_id(const Article& a) {
  if (!a.url.empty()) return a.url;
  return "h-" + FieldHasher().add(a.title).add(a.body).add(a.date).add(a.source).hex();
}

}  // namespace

ArticleCheck finish_article(Article& article) {
  ArticleCheck check;
  if (auto field = invalid_utf8_field(article)) {
    check.error = "invalid UTF-8 in the " + std::string(*field) + " field";
    return check;
  }
  tidy_fields(article);
  if (article.title.empty() && article.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    check.error = "neither title nor body";
    return check;
  }
  for (auto* rule : {&normalise_date, &normalise_lang}) {
    if (auto warning = rule(article)) check.warnings.push_back(std::move(*warning));
  }
  if (article.id.empty()) article.id = derived_id(article);
  return check;
}

void finish_and_deliver(Article&& article, const Location& where, ArticleSink& sink) {
  ArticleCheck check = finish_article(article);
  if (!check.error.empty()) {
    sink.on_bad_record(where, check.error);
    return;
  }
  for (const std::string& warning : check.warnings) sink.on_warning(where, warning);
  sink.on_article(std::move(article), where);
}

std::optional<std::string_view> checked_text(std::string_view text, std::string& storage,
                                             const ReaderOptions& options, ArticleSink& sink,
                                             const Location& where) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    sink.on_bad_record(where, "NUL byte in record (binary data?)");
    return std::nullopt;
  }
  if (utf8::is_valid(text)) return text;
  if (!options.repair_utf8) {
    sink.on_bad_record(where, "invalid UTF-8 (use --repair to replace it with U+FFFD)");
    return std::nullopt;
  }
  storage = utf8::repair(text);
  sink.on_warning(where, "invalid UTF-8 replaced with U+FFFD");
  return std::string_view(storage);
}

}  // namespace dateline
