#include "ingest/article_rules.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "util/date.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace dateline {
namespace {

std::string trimmed(std::string_view s) { return std::string(trim(s)); }

void tidy_list(std::vector<std::string>& values) {
  for (auto& v : values) v = trimmed(v);
  std::erase_if(values, [](const std::string& v) { return v.empty(); });
}

// Control characters (C0 but tab and line ends, DEL, C1) become spaces: they mean nothing in
// an article, and printed raw they would drive the reader's terminal (an escape sequence in a
// title could rewrite the screen of whoever searches).
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

}  // namespace

std::optional<std::string> apply_date(Article& article, std::string_view raw_date) {
  article.date.clear();
  if (trimmed(raw_date).empty()) return std::nullopt;
  if (auto date = parse_date(raw_date)) {
    article.date = date->to_string();
    return std::nullopt;
  }
  return "unreadable date \"" + std::string(raw_date.substr(0, 64)) + "\"; kept without a date";
}

std::string normalise_lang(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    if (!std::isalpha(static_cast<unsigned char>(c))) return {};
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (primary.size() < 2 || primary.size() > 3) return {};
  return primary;
}

std::string derive_id(const Article& article) {
  if (!article.url.empty()) return article.url;
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const std::string* field : {&article.title, &article.body, &article.date, &article.source}) {
    XXH3_128bits_update(state, field->data(), field->size());
    XXH3_128bits_update(state, "\x1f", 1);  // so ("ab","c") and ("a","bc") differ
  }
  const XXH128_hash_t hash = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char hex[40];
  std::snprintf(hex, sizeof hex, "h-%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return hex;
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

void tidy_fields(Article& article) {
  for (std::string* field :
       {&article.id, &article.title, &article.body, &article.source, &article.url}) {
    blank_control_characters(*field);
  }
  for (auto* list : {&article.authors, &article.tags}) {
    for (std::string& value : *list) blank_control_characters(value);
  }
  for (std::string* field : {&article.id, &article.title, &article.source, &article.url}) {
    *field = trimmed(*field);
  }
  tidy_list(article.authors);
  tidy_list(article.tags);
}

}  // namespace dateline
