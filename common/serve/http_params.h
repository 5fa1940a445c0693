// The parameters of GET /search, checked and turned into a SearchRequest: the HTTP API's
// equivalent of the searcher's flags, kept apart from the server so it can be tested alone.
#pragma once

#include <map>
#include <string>
#include <variant>

#include "dateline/render.h"
#include "dateline/search.h"
#include "dateline/server.h"

namespace dateline {

// Query parameters as decoded by the HTTP library: a name may come more than once (facet).
using QueryParams = std::multimap<std::string, std::string>;

// What a GET /search asks for: the search, and how its JSON is rendered.
struct HttpSearch {
  SearchRequest request;
  RenderOptions render{.include_timing = true};
};

// The search, or why the parameters are bad (the message for a 400 answer). Unknown names,
// numbers that are not plain decimal or beyond the server's bounds, unknown sort orders and
// facet fields, a name other than `facet` given more than once, and a missing query (without
// `like`) are bad. `count=exact` counts every match; `highlight=html` adds marked-up snippets.
std::variant<HttpSearch, std::string> search_request_from(const QueryParams& params,
                                                          const ServerOptions& options);

}  // namespace dateline
