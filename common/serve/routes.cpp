#include "serve/routes.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "dateline/errors.h"
#include "dateline/render.h"
#include "serve/http_params.h"
#include "serve/search_page.h"
#include "serve/url.h"
#include "util/utf8.h"

namespace dateline {
namespace {

constexpr std::string_view kDocPrefix = "/doc/";

HttpResponse json_response(int status, std::string body) {
  return HttpResponse{.status = status, .body = std::move(body)};
}

bool is_read(std::string_view method) { return method == "GET" || method == "HEAD"; }

}  // namespace

HttpResponse error_response(int status, std::string_view reason) {
  return json_response(status, nlohmann::json{{"error", reason}}.dump(
                                   -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bool Routes::reads_database(const HttpRequest& request) {
  if (!is_read(request.method) || !url::valid_percent_encoding(request.target)) return false;
  const std::string path = url::path_of(request.target);
  return path == "/search" || path == "/health" ||
         (path.starts_with(kDocPrefix) && path.size() > kDocPrefix.size());
}

HttpResponse Routes::answer(const HttpRequest& request) {
  if (!is_read(request.method)) return error_response(405, "only GET is served");
  // "%ZZ" is not an escape of anything; a client that sent it has a bug to hear of.
  if (!url::valid_percent_encoding(request.target)) {
    return error_response(400, "invalid percent-encoding in the URL");
  }
  const std::string path = url::path_of(request.target);
  try {
    if (path == "/") {
      return HttpResponse{.content_type = "text/html; charset=utf-8",
                          .body = std::string(search_page_html()),
                          .is_page = true};
    }
    if (path == "/search") return search(request);
    if (path == "/health") return health();
    if (path.starts_with(kDocPrefix) && path.size() > kDocPrefix.size()) {
      return document(path.substr(kDocPrefix.size()));
    }
  } catch (const std::exception& e) {
    return error_response(500, e.what());  // a DatabaseError, which names the database
  }
  return error_response(404, "no such page (see /, /search, /doc/ID, /health)");
}

HttpResponse Routes::search(const HttpRequest& http) {
  auto parsed = search_request_from(url::params_of(http.target), options_);
  if (auto* error = std::get_if<std::string>(&parsed)) return error_response(400, *error);
  const SearchRequest& request = std::get<SearchRequest>(parsed);
  // Articles like one that is not there: an unknown id, as /doc/ID says, not an empty result.
  std::optional<SearchResults> results;
  try {
    results = pool_.with_searcher([&](Searcher& s) -> std::optional<SearchResults> {
      if (!request.like_id.empty() && !s.article(request.like_id)) return std::nullopt;
      return s.search(request);
    });
  } catch (const UsageError& e) {  // the query asks for what cannot be done: the client's fault
    return error_response(400, e.what());
  }  // a DatabaseError becomes a 500 answer (in answer())
  if (!results) {
    return error_response(404, "no article with id " + utf8::excerpt(request.like_id, 300));
  }
  return json_response(200, render_json(*results, request, RenderOptions{.compact = true}));
}

HttpResponse Routes::document(const std::string& id) {
  const auto article = pool_.with_searcher([&](Searcher& s) { return s.article(id); });
  if (!article) return error_response(404, "no article with id " + utf8::excerpt(id, 300));
  return json_response(200, render_article_json(*article));
}

HttpResponse Routes::health() {
  const std::uint64_t documents =
      pool_.with_searcher([](Searcher& s) { return s.document_count(); });
  return json_response(200,
                       nlohmann::ordered_json{{"status", "ok"}, {"documents", documents}}.dump());
}

}  // namespace dateline
