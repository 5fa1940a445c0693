#include "ingest/json_article.h"

#include <charconv>
#include <initializer_list>
#include <string_view>

namespace dateline {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The first of `names` present in `object`, or nothing.
std::optional<std::pair<std::string_view, element>> find_field(
    simdjson::dom::object object, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    element value;
    if (object.at_key(name).get(value) == simdjson::SUCCESS && !value.is_null()) {
      return std::make_pair(name, value);
    }
  }
  return std::nullopt;
}

std::string type_name(element value) {
  switch (value.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::BOOL:
      return "a boolean";
    case element_type::STRING:
      return "a string";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

class FieldReader {
 public:
  FieldReader(simdjson::dom::object object, JsonArticleResult& result)
      : object_(object), result_(result) {}

  // A string field; a value of another type is a warning.
  std::string text(std::initializer_list<std::string_view> names) {
    auto field = find_field(object_, names);
    if (!field) return {};
    if (field->second.is_string()) return std::string(field->second.get_string().value());
    warn_type(field->first, field->second, "a string");
    return {};
  }

  // A list of strings, given as an array or as one string.
  std::vector<std::string> list(std::initializer_list<std::string_view> names) {
    std::vector<std::string> values;
    auto field = find_field(object_, names);
    if (!field) return values;
    if (field->second.is_string()) {
      values.emplace_back(field->second.get_string().value());
    } else if (field->second.is_array()) {
      for (element item : field->second.get_array()) {
        if (item.is_string()) {
          values.emplace_back(item.get_string().value());
        } else if (!item.is_null()) {
          warn_type(field->first, item, "an array of strings");
        }
      }
    } else {
      warn_type(field->first, field->second, "a string or an array of strings");
    }
    return values;
  }

 private:
  void warn_type(std::string_view name, element value, std::string_view expected) {
    result_.warnings.push_back("field \"" + std::string(name) + "\" is " + type_name(value) +
                               ", expected " + std::string(expected) + "; ignored");
  }

  simdjson::dom::object object_;
  JsonArticleResult& result_;
};

// The id as text: strings as they are, numbers as JSON writes them.
std::optional<std::string> id_text(element value) {
  switch (value.type()) {
    case element_type::STRING:
      return std::string(value.get_string().value());
    case element_type::INT64:
      return std::to_string(value.get_int64().value());
    case element_type::UINT64:
      return std::to_string(value.get_uint64().value());
    case element_type::DOUBLE: {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.get_double().value());
      return std::string(buffer, end);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

JsonArticleResult article_from_json(simdjson::dom::object object) {
  JsonArticleResult result;
  Article& a = result.article;
  FieldReader fields(object, result);

  if (auto id = find_field(object, {"id"})) {
    auto text = id_text(id->second);
    if (!text) {
      result.error = "id is " + type_name(id->second) + ", expected a string or a number";
      return result;
    }
    a.id = std::move(*text);
  }
  a.title = fields.text({"title"});
  a.body = fields.text({"body", "text", "content"});
  a.date = fields.text({"date"});
  a.authors = fields.list({"author", "authors", "byline"});
  a.source = fields.text({"source"});
  a.url = fields.text({"url"});
  a.lang = fields.text({"lang"});
  a.tags = fields.list({"tags", "topics", "keywords"});
  return result;
}

}  // namespace dateline
