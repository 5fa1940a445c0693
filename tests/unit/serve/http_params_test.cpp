// GET /search parameters -> a SearchRequest, or the message of a 400 answer.
#include "serve/http_params.h"

#include <catch2/catch.hpp>

using namespace dateline;

namespace {

std::variant<SearchRequest, std::string> parsed(const QueryParams& params) {
  return search_request_from(params, ServerOptions{});
}

}  // namespace

TEST_CASE("good parameters fill the request", "[http-params]") {
  const auto r = parsed({{"q", "oil prices"},
                         {"limit", "5"},
                         {"offset", "10"},
                         {"sort", "newest"},
                         {"facet", "source"},
                         {"facet", "year"},
                         {"snippet_chars", "80"},
                         {"lang", "en"},
                         {"feedback", "never"}});
  REQUIRE(std::holds_alternative<SearchRequest>(r));
  const SearchRequest& request = std::get<SearchRequest>(r);
  CHECK(request.query == "oil prices");
  CHECK(request.limit == 5);
  CHECK(request.offset == 10);
  CHECK(request.sort == SortOrder::kNewest);
  CHECK(request.facets == std::vector<FacetField>{FacetField::kSource, FacetField::kYear});
  CHECK(request.snippet_chars == 80);
  CHECK(request.lang == "en");
  CHECK(request.feedback == Feedback::kNever);
  CHECK(request.time_limit_ms == ServerOptions{}.query_time_limit_ms);
  const auto like = parsed({{"like", "42"}});
  REQUIRE(std::holds_alternative<SearchRequest>(like));
  CHECK(std::get<SearchRequest>(like).like_id == "42");
  CHECK(std::get<SearchRequest>(parsed({{"q", "x"}, {"sort", "date"}})).sort == SortOrder::kNewest);
}

TEST_CASE("bad parameters say what is wrong", "[http-params]") {
  struct Case {
    QueryParams params;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{}, "give a query"},
      {{{"q", "  "}}, "give a query"},
      {{{"q", "x"}, {"limit", "abc"}}, "limit must be a whole number from 0 to 100, not \"abc\""},
      {{{"q", "x"}, {"limit", "101"}}, "limit must be a whole number from 0 to 100"},
      {{{"q", "x"}, {"limit", "-1"}}, "limit must be a whole number"},
      {{{"q", "x"}, {"offset", "1e3"}}, "offset must be a whole number from 0 to 10000"},
      {{{"q", "x"}, {"sort", "sideways"}},
       "sort must be relevance, newest or oldest, not \"sideways\""},
      {{{"q", "x"}, {"sort", "-date"}}, "sort must be relevance, newest or oldest"},
      {{{"q", "x"}, {"facet", "colour"}}, "facet must be source, lang, tag or year"},
      {{{"q", "x"}, {"feedback", "sometimes"}}, "feedback must be auto, always or never"},
      {{{"q", "x"}, {"colour", "red"}}, "unknown parameter \"colour\""},
      {{{"q", "oil"}, {"q", "gas"}},
       "parameter \"q\" is given more than once (only facet may be repeated)"},
      {{{"q", "x"}, {"limit", "5"}, {"limit", "6"}}, "parameter \"limit\" is given more than once"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    const auto r = parsed(c.params);
    REQUIRE(std::holds_alternative<std::string>(r));
    CHECK_THAT(std::get<std::string>(r), Catch::Contains(c.message));
  }
}
