#include "dateline/render.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dateline {
namespace {

using Json = nlohmann::ordered_json;

Json or_null(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

Json ranges(const std::vector<ByteRange>& list) {
  Json out = Json::array();
  for (const auto& [start, end] : list) out.push_back({start, end});
  return out;
}

// Rounds to `places` decimals; dividing by an exact power of ten gives the double nearest
// to the decimal, which prints short ("9.4813", not "9.481300000000001").
double rounded(double value, int places) {
  const double scale = std::pow(10.0, places);
  return std::round(value * scale) / scale;
}

Json story_json(const Story& story, bool collapsed) {
  if (!collapsed) return Json{{"id", story.id}};
  Json versions = Json::array();
  for (const StoryCopy& c : story.versions) {
    versions.push_back({{"id", c.id},
                        {"title", c.title},
                        {"source", or_null(c.source)},
                        {"date", or_null(c.date)}});
  }
  return Json{{"id", story.id},
              {"copies", story.copies},
              {"sources", story.sources},
              {"first_seen", or_null(story.first_seen)},
              {"versions", versions}};
}

Json timeline_json(const Timeline& timeline) {
  Json buckets = Json::array();
  for (const TimelineBucket& b : timeline.buckets) {
    buckets.push_back({{"period", b.period},
                       {"from", b.first_day},
                       {"to", b.last_day},
                       {"articles", b.articles},
                       {"stories", b.stories}});
  }
  return Json{
      {"period", name_of(timeline.period)}, {"buckets", buckets}, {"undated", timeline.undated}};
}

Json hit_json(const SearchHit& hit, const RenderOptions& options, bool collapsed) {
  const Article& a = hit.article;
  Json snippet{{"text", hit.snippet.text}, {"highlights", ranges(hit.snippet.highlights)}};
  if (options.markup) {
    snippet["marked"] = render_marked(hit.snippet.text, hit.snippet.highlights, *options.markup);
  }
  Json j{{"rank", hit.rank},
         {"id", a.id},
         {"score", rounded(hit.score, 4)},
         {"title", a.title},
         {"date", or_null(a.date)},
         {"source", or_null(a.source)},
         {"author", a.authors},
         {"url", or_null(a.url)},
         {"lang", or_null(a.lang)},
         {"tags", a.tags},
         {"snippet", std::move(snippet)},
         {"title_highlights", ranges(hit.title_highlights)},
         {"story", story_json(hit.story, collapsed)}};
  if (options.markup) {
    j["title_marked"] = render_marked(a.title, hit.title_highlights, *options.markup);
  }
  return j;
}

// The members of a result that are not hits, in the order PRODUCT.md shows them; `hits`, when
// given, goes between suggestion and facets.
Json summary_json(const SearchResults& results, const SearchRequest& request,
                  const RenderOptions& options, const std::string& qid, const Json* hits) {
  Json j = Json::object();
  if (!qid.empty()) j["qid"] = qid;
  j["query"] = results.query;
  j["total"] = {{"estimate", results.estimate}, {"lower", results.lower}, {"upper", results.upper}};
  if (results.collapsed || results.timeline) {
    j["total"]["articles"] = results.articles;
    j["total"]["stories"] = results.stories;
  }
  j["offset"] = request.offset;
  j["limit"] = request.limit;
  if (options.include_timing) j["took_ms"] = rounded(results.took_ms, 3);
  j["suggestion"] = results.suggestion ? Json(*results.suggestion) : Json(nullptr);
  j["notes"] = results.notes;
  if (results.partial) j["partial"] = true;
  if (hits != nullptr) j["hits"] = *hits;
  j["facets"] = Json::object();
  for (const auto& facet : results.facets) {
    Json values = Json::array();
    for (const auto& v : facet.values) values.push_back({{"value", v.value}, {"count", v.count}});
    j["facets"][std::string(name_of(facet.field))] = values;
  }
  j["collapse"] = name_of(results.collapsed ? Collapse::kStory : Collapse::kNone);
  j["timeline"] = results.timeline ? timeline_json(*results.timeline) : Json(nullptr);
  return j;
}

std::string dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Json article_json(const Article& a) {
  return Json{{"id", a.id},
              {"title", a.title},
              {"body", a.body},
              {"date", or_null(a.date)},
              {"author", a.authors},
              {"source", or_null(a.source)},
              {"url", or_null(a.url)},
              {"lang", or_null(a.lang)},
              {"tags", a.tags}};
}

}  // namespace

std::string render_json(const SearchResults& results, const SearchRequest& request,
                        const RenderOptions& options, const std::string& qid) {
  Json hits = Json::array();
  for (const auto& hit : results.hits) hits.push_back(hit_json(hit, options, results.collapsed));
  return dump(summary_json(results, request, options, qid, &hits), options.pretty ? 2 : -1);
}

std::string render_article_json(const Article& a) { return dump(article_json(a), -1); }

std::string render_article_json(const ArticleView& view) {
  Json j = article_json(view.article);
  j["highlights"] = {{"title", ranges(view.title_highlights)},
                     {"body", ranges(view.body_highlights)}};
  return dump(j, -1);
}

std::string render_jsonl(const SearchResults& results, const SearchRequest& request,
                         const RenderOptions& options, const std::string& qid) {
  std::string out;
  const auto line = [&](const char* type, Json body) {
    Json j = {{"type", type}};
    if (!qid.empty()) j["qid"] = qid;
    j.update(body);
    out += dump(j, -1) + "\n";
  };
  for (const auto& hit : results.hits) line("hit", hit_json(hit, options, results.collapsed));
  line("summary", summary_json(results, request, options, "", nullptr));
  return out;
}

}  // namespace dateline
