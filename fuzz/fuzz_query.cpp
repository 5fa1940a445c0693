// libFuzzer target: the query parser and builder, and the snippet maker, on arbitrary queries.
// The input is split at the first \x01: the query, then a text to make a snippet of.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "analysis/analyzer.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = input.find('\x01');
  // The searcher repairs queries before parsing, and readers only pass valid UTF-8 on.
  const std::string query = dateline::utf8::repair(input.substr(0, cut));
  const std::string text =
      cut == std::string::npos ? query : dateline::utf8::repair(input.substr(cut + 1));
  static dateline::Analyzer analyzer;
  const dateline::ParsedQuery parsed = dateline::parse_query(query);
  if (!parsed.root) return 0;
  dateline::QueryBuilder builder(analyzer, {"en", "de", "ar", "ja"});
  const dateline::BuiltQuery built = builder.build(*parsed.root);
  (void)built.query.get_description();
  dateline::SnippetMaker maker(analyzer, built.highlight);
  for (std::size_t chars : {20u, 200u}) {
    const dateline::Snippet s = maker.passage(text, "en", chars);
    if (!dateline::utf8::is_valid(s.text)) std::abort();
    for (const auto& [b, e] : s.highlights) {
      if (b >= e || e > s.text.size() || !dateline::utf8::is_boundary(s.text, b) ||
          !dateline::utf8::is_boundary(s.text, e)) {
        std::abort();
      }
    }
  }
  for (const auto& [b, e] : maker.highlight_all(text, "en")) {
    if (b >= e || e > text.size()) std::abort();
  }
  return 0;
}
