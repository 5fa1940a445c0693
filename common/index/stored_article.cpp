#include "index/stored_article.h"

#include <cstdint>

#include "util/varint.h"

namespace dateline {

namespace {

void put_field(std::string& out, std::string_view s) {
  varint::put(out, s.size());
  out.append(s);
}

bool get_field(std::string_view& in, std::string& out) {
  std::size_t n = 0;
  if (!varint::get(in, n) || n > in.size()) return false;
  out.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

bool get_list(std::string_view& in, std::vector<std::string>& out) {
  std::size_t count = 0;
  if (!varint::get(in, count) || count > in.size()) return false;  // each item takes a byte
  out.resize(count);
  for (std::string& item : out) {
    if (!get_field(in, item)) return false;
  }
  return true;
}

// Drops one field from the front of `in`; false when it is cut short.
bool skip_field(std::string_view& in) {
  std::size_t n = 0;
  if (!varint::get(in, n) || n > in.size()) return false;
  in.remove_prefix(n);
  return true;
}

}  // namespace

std::string to_stored(const Article& a, std::string_view word_map) {
  std::string out;
  out.reserve(a.id.size() + a.title.size() + a.body.size() + a.date.size() + a.url.size() + 32);
  for (const std::string* field : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.lang}) {
    put_field(out, *field);
  }
  for (const auto* list : {&a.authors, &a.tags}) {
    varint::put(out, list->size());
    for (const std::string& item : *list) put_field(out, item);
  }
  put_field(out, word_map);
  return out;
}

Article from_stored(std::string_view data) {
  Article a;
  for (std::string* field : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.lang}) {
    if (!get_field(data, *field)) return a;
  }
  if (get_list(data, a.authors)) get_list(data, a.tags);
  return a;
}

std::string_view stored_word_map(std::string_view data) {
  for (int field = 0; field < 7; ++field) {
    if (!skip_field(data)) return {};
  }
  for (int list = 0; list < 2; ++list) {
    std::size_t count = 0;
    if (!varint::get(data, count)) return {};
    for (std::size_t i = 0; i < count; ++i) {
      if (!skip_field(data)) return {};
    }
  }
  std::size_t n = 0;
  if (!varint::get(data, n) || n > data.size()) return {};
  return data.substr(0, n);
}

}  // namespace dateline
