#include "index/stored_article.h"

#include <cstdint>

namespace dateline {

namespace {

void put_varint(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void put_field(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

bool get_varint(std::string_view& in, std::size_t& n) {
  n = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

bool get_field(std::string_view& in, std::string& out) {
  std::size_t n = 0;
  if (!get_varint(in, n) || n > in.size()) return false;
  out.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

bool get_list(std::string_view& in, std::vector<std::string>& out) {
  std::size_t count = 0;
  if (!get_varint(in, count) || count > in.size()) return false;  // each item takes a byte
  out.resize(count);
  for (std::string& item : out) {
    if (!get_field(in, item)) return false;
  }
  return true;
}

}  // namespace

std::string to_stored(const Article& a) {
  std::string out;
  out.reserve(a.id.size() + a.title.size() + a.body.size() + a.date.size() + a.url.size() + 32);
  for (const std::string* field : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.lang}) {
    put_field(out, *field);
  }
  for (const auto* list : {&a.authors, &a.tags}) {
    put_varint(out, list->size());
    for (const std::string& item : *list) put_field(out, item);
  }
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

}  // namespace dateline
