#include "serve/http_params.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "util/utf8.h"

namespace dateline {
namespace {

// A plain decimal number no larger than `max` ("10"; not "-1", "1e3", " 1" or "0x10").
std::optional<std::uint32_t> bounded_number(const std::string& text, std::uint32_t max) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || value > max) {
    return std::nullopt;
  }
  return value;
}

// "sort must be relevance, newest or oldest, not "sideways"".
std::string invalid(std::string_view name, const std::string& allowed, const std::string& value) {
  return std::string(name) + " must be " + allowed + ", not \"" + utf8::excerpt(value, 60) + "\"";
}

constexpr std::array<std::string_view, 15> kKnownNames = {
    "q",        "limit",    "offset",   "sort",    "facet", "snippet_chars", "lang",     "like",
    "feedback", "collapse", "timeline", "recency", "now",   "count",         "highlight"};

bool is_known(const std::string& name) {
  return std::find(kKnownNames.begin(), kKnownNames.end(), name) != kKnownNames.end();
}

}  // namespace

std::variant<HttpSearch, std::string> search_request_from(const QueryParams& params,
                                                          const ServerOptions& options) {
  HttpSearch search;
  SearchRequest& request = search.request;
  request.time_limit_ms = options.query_time_limit_ms;
  for (const auto& [name, value] : params) {
    // "q=oil&q=gas" would search one of them and say nothing; only facets add up.
    if (name != "facet" && params.count(name) > 1 && is_known(name)) {
      return "parameter \"" + name + "\" is given more than once (only facet may be repeated)";
    }
    if (name == "q") {
      request.query = value;
    } else if (name == "like") {
      request.like_id = value;
    } else if (name == "lang") {
      request.lang = value;
    } else if (name == "limit" || name == "offset" || name == "snippet_chars") {
      const std::uint32_t max = name == "limit"    ? options.max_limit
                                : name == "offset" ? options.max_offset
                                                   : 2000;
      const auto number = bounded_number(value, max);
      if (!number) {
        return name + " must be a whole number from 0 to " + std::to_string(max) + ", not \"" +
               utf8::excerpt(value, 60) + "\"";
      }
      if (name == "limit") request.limit = *number;
      if (name == "offset") request.offset = *number;
      if (name == "snippet_chars") request.snippet_chars = *number;
    } else if (name == "sort") {
      const auto sort = parse_name<SortOrder>(value);
      if (!sort) return invalid("sort", names_list<SortOrder>(), value);
      request.sort = *sort;
    } else if (name == "feedback") {
      const auto feedback = parse_name<Feedback>(value);
      if (!feedback) return invalid("feedback", names_list<Feedback>(), value);
      request.feedback = *feedback;
    } else if (name == "collapse") {
      const auto collapse = parse_name<Collapse>(value);
      if (!collapse) return invalid("collapse", names_list<Collapse>(), value);
      request.collapse = *collapse;
    } else if (name == "timeline") {
      const auto period = parse_name<TimelinePeriod>(value);
      if (!period) return invalid("timeline", names_list<TimelinePeriod>(), value);
      request.timeline = *period;
    } else if (name == "recency") {
      const auto days = parse_half_life_days(value);
      if (!days) return invalid("recency", "a half-life such as 12h, 7d, 2w or 1y", value);
      request.recency_half_life_days = *days;
    } else if (name == "now") {
      request.now = value;
    } else if (name == "facet") {
      const auto field = parse_name<FacetField>(value);
      if (!field) return invalid("facet", names_list<FacetField>(), value);
      request.facets.push_back(*field);
    } else if (name == "count") {
      if (value != "exact" && value != "estimate")
        return invalid("count", "exact or estimate", value);
      request.exact_count = value == "exact";
    } else if (name == "highlight") {
      if (value != "html" && value != "ranges")
        return invalid("highlight", "html or ranges", value);
      if (value == "html") search.render.markup = HighlightMarkup{};
    } else {
      std::string known;
      for (const auto k : kKnownNames) known += (known.empty() ? "" : ", ") + std::string(k);
      return "unknown parameter \"" + utf8::excerpt(name, 60) + "\" (known: " + known + ")";
    }
  }
  const bool blank = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && request.like_id.empty()) return "give a query: /search?q=...";
  return search;
}

}  // namespace dateline
