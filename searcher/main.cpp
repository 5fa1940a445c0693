// searcher: ranked search over a Dateline database (PRODUCT.md section 4).
// Flags in, library calls, rendering out; everything else lives in common/.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "search.h"

namespace {

constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

nlohmann::ordered_json or_null(const std::string& value) {
  return value.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

nlohmann::ordered_json to_json(const dateline::SearchResults& results,
                               const dateline::SearchOptions& options) {
  nlohmann::ordered_json j;
  j["query"] = results.query;
  j["total"] = {{"estimate", results.estimate}, {"lower", results.lower}, {"upper", results.upper}};
  j["offset"] = options.offset;
  j["limit"] = options.limit;
  j["took_ms"] = std::round(results.took_ms * 1000) / 1000;
  j["suggestion"] = nullptr;
  j["hits"] = nlohmann::ordered_json::array();
  for (const auto& hit : results.hits) {
    const auto& a = hit.article;
    j["hits"].push_back({{"rank", hit.rank},
                         {"id", a.id},
                         {"score", std::round(hit.score * 10000) / 10000},
                         {"title", a.title},
                         {"date", or_null(a.date)},
                         {"source", or_null(a.source)},
                         {"author", a.authors},
                         {"url", or_null(a.url)},
                         {"lang", or_null(a.lang)}});
  }
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe shows up as a failed write, handled below
  CLI::App app{"Search a Dateline database."};
  app.set_version_flag("--version", "searcher (Dateline) 0.1.0");
  std::string db;
  std::string format = "json";
  std::vector<std::string> words;
  dateline::SearchOptions options;
  app.add_option("--db", db, "Database folder or stub file")->required();
  app.add_option("--format", format, "Output: json or ids")->check(CLI::IsMember({"json", "ids"}));
  app.add_option("--limit", options.limit, "Hits to show")->default_val(10);
  app.add_option("--offset", options.offset, "Hits to skip")->default_val(0);
  app.add_option("QUERY", words, "Query words")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitHits : kExitError;
  }
  std::string query;
  for (const auto& w : words) query += (query.empty() ? "" : " ") + w;
  try {
    dateline::Searcher searcher(db);
    const auto results = searcher.search(query, options);
    if (format == "ids") {
      for (const auto& hit : results.hits) std::cout << hit.article.id << '\n';
    } else {
      std::cout
          << to_json(results, options).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
          << '\n';
    }
    std::cout.flush();
    if (!std::cout) return results.hits.empty() ? kExitNoHits : kExitHits;  // broken pipe
    return results.hits.empty() ? kExitNoHits : kExitHits;
  } catch (const std::exception& e) {
    std::cerr << "searcher: " << e.what() << '\n';
    return kExitError;
  }
}
