// Rendering search results: JSON (the CLI's and the HTTP API's), text for a person, ids, TREC.
// Each takes the results as data; none runs a search. All are thread-safe.
#pragma once

#include <string>
#include <vector>

#include "dateline/export.h"
#include "dateline/search.h"

namespace dateline {

// How results are printed: for a person, as JSON (one object), JSON Lines (one per hit),
// bare ids, or a TREC run file.
enum class OutputFormat { kText, kJson, kJsonl, kIds, kTrec };

template <>
struct Names<OutputFormat> {
  static constexpr std::string_view kNames = "text json jsonl ids trec";
  static constexpr std::string_view kAliases = "";
};

struct RenderOptions {
  bool color = false;          // ANSI bold and colour for highlights and titles
  bool include_timing = true;  // "took_ms"; off for golden tests, which must be deterministic
  std::size_t width = 0;       // text: wrap snippets to this many terminal columns; 0 = never
  bool compact = false;        // JSON on one line
};

// The whole result as one JSON object (PRODUCT.md section 4), no trailing newline.
DATELINE_API std::string render_json(const SearchResults& results, const SearchRequest& request,
                                     const RenderOptions& options);
// One JSON object per hit, one per line; `qid` added when not empty.
DATELINE_API std::string render_jsonl(const SearchResults& results, const std::string& qid);
// For a person: rank, title, date · source · id, snippet; then the total and the time taken.
DATELINE_API std::string render_text(const SearchResults& results, const RenderOptions& options);
// One id per line.
DATELINE_API std::string render_ids(const SearchResults& results);
// TREC run lines: "qid Q0 id rank score dateline".
DATELINE_API std::string render_trec(const SearchResults& results, const std::string& qid);
// An article as one JSON object with every field of the input format (PRODUCT.md section 1):
// id, title, body, date, author, source, url, lang, tags; unknown values null or [].
DATELINE_API std::string render_article_json(const Article& article);

// `text` with the ranges wrapped in ANSI bold yellow (or left plain without colour).
DATELINE_API std::string render_highlighted(const std::string& text,
                                            const std::vector<ByteRange>& ranges, bool color);

}  // namespace dateline
