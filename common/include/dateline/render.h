// Rendering search results: JSON (the CLI's and the HTTP API's), text for a person, ids, TREC.
// Each takes the results as data; none runs a search. All are thread-safe.
#pragma once

#include <optional>
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

// Highlights written into the text as marks, for clients that show them as they are: `open`
// before and `close` after each highlighted range; with `escape_html` the text between them is
// HTML-escaped (so "<b>" in an article cannot become markup).
struct HighlightMarkup {
  std::string open = "<mark>";
  std::string close = "</mark>";
  bool escape_html = true;
};

struct RenderOptions {
  bool color = false;          // text: ANSI bold and colour for highlights and titles
  bool include_timing = true;  // "took_ms"; off for golden tests, which must be deterministic
  std::size_t width = 0;       // text: wrap snippets to this many terminal columns; 0 = never
  bool pretty = false;         // JSON indented over many lines, for reading; else one line
  // JSON: also the snippet and title with their highlights marked up ("marked", "title_marked").
  std::optional<HighlightMarkup> markup{};
};

// The whole result as one JSON object (PRODUCT.md section 4), no trailing newline; `qid`, when
// not empty, is its first member (a batch's query id).
DATELINE_API std::string render_json(const SearchResults& results, const SearchRequest& request,
                                     const RenderOptions& options, const std::string& qid = "");
// JSON Lines: each hit as {"type":"hit",...}, then one {"type":"summary",...} with the totals,
// facets, suggestion and notes; `qid` leads every line when not empty.
DATELINE_API std::string render_jsonl(const SearchResults& results, const SearchRequest& request,
                                      const RenderOptions& options, const std::string& qid = "");
// For a person: rank, title, date · source · id, snippet; then the total and the time taken.
DATELINE_API std::string render_text(const SearchResults& results, const RenderOptions& options);
// The total for a person: "209 results" when exact, else the range the search can vouch for.
DATELINE_API std::string describe_total(const SearchResults& results);
// One id per line.
DATELINE_API std::string render_ids(const SearchResults& results);
// TREC run lines: "qid Q0 id rank score dateline".
DATELINE_API std::string render_trec(const SearchResults& results, const std::string& qid);
// An article as one JSON object with every field of the input format (PRODUCT.md section 1):
// id, title, body, date, author, source, url, lang, tags; unknown values null or [].
DATELINE_API std::string render_article_json(const Article& article);
// The same with "highlights": {"title": [[start, end], ...], "body": [...]}: byte ranges of the
// query's matches in the title and the body.
DATELINE_API std::string render_article_json(const ArticleView& view);

// `text` with the ranges wrapped in ANSI bold yellow (or left plain without colour); `after`
// is what follows each highlight: a plain reset, or a reset that restores the surrounding
// style (a title's bold).
DATELINE_API std::string render_highlighted(const std::string& text,
                                            const std::vector<ByteRange>& ranges, bool color,
                                            const std::string& after = "\033[0m");
// `text` with `markup` around each range, and HTML-escaped if the markup says so.
DATELINE_API std::string render_marked(const std::string& text,
                                       const std::vector<ByteRange>& ranges,
                                       const HighlightMarkup& markup);

}  // namespace dateline
