#include "index/stored_article.h"

#include <nlohmann/json.hpp>

namespace dateline {

std::string to_stored(const Article& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  auto put = [&j](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  put("title", a.title);
  put("body", a.body);
  put("date", a.date);
  if (!a.authors.empty()) j["author"] = a.authors;
  put("source", a.source);
  put("url", a.url);
  put("lang", a.lang);
  if (!a.tags.empty()) j["tags"] = a.tags;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article from_stored(std::string_view data) {
  Article a;
  const auto j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return a;
  auto get = [&j](const char* key, std::string& out) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
  };
  auto get_list = [&j](const char* key, std::vector<std::string>& out) {
    if (auto it = j.find(key); it != j.end() && it->is_array()) {
      for (const auto& v : *it) {
        if (v.is_string()) out.push_back(v.get<std::string>());
      }
    }
  };
  get("id", a.id);
  get("title", a.title);
  get("body", a.body);
  get("date", a.date);
  get_list("author", a.authors);
  get("source", a.source);
  get("url", a.url);
  get("lang", a.lang);
  get_list("tags", a.tags);
  return a;
}

}  // namespace dateline
