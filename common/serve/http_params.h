// The parameters of GET /search, checked and turned into a SearchRequest: the HTTP API's
// equivalent of the searcher's flags, kept apart from the server so it can be tested alone.
#pragma once

#include <map>
#include <string>
#include <variant>

#include "dateline/search.h"
#include "dateline/server.h"

namespace dateline {

// Query parameters as decoded by the HTTP library: a name may come more than once (facet).
using QueryParams = std::multimap<std::string, std::string>;

// The request, or why the parameters are bad (the message for a 400 answer). Unknown names,
// numbers that are not plain decimal or beyond the server's bounds, unknown sort orders and
// facet fields, a name other than `facet` given more than once, and a missing query (without
// `like`) are bad.
std::variant<SearchRequest, std::string> search_request_from(const QueryParams& params,
                                                             const ServerOptions& options);

}  // namespace dateline
