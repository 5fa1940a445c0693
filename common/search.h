// Running a query against a database: ranking, paging, sorting, facets, more-like-this,
// spelling suggestions and snippets.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer.h"
#include "dateline/article.h"
#include "snippet.h"

namespace dateline {

enum class SortOrder { kRelevance, kNewest, kOldest };
enum class FacetField { kSource, kLang, kTag, kYear };

// "relevance", "date" (newest first), "-date" (oldest first).
std::optional<SortOrder> parse_sort_order(std::string_view name);
// "source", "lang", "tag", "year".
std::optional<FacetField> parse_facet_field(std::string_view name);
std::string facet_name(FacetField field);

struct SearchRequest {
  std::string query{};    // the query language of query_parser.h
  std::string like_id{};  // when set: articles like this one (query may be empty)
  std::uint32_t limit = 10;
  std::uint32_t offset = 0;
  SortOrder sort = SortOrder::kRelevance;
  std::vector<FacetField> facets{};
  std::size_t snippet_chars = 200;  // 0: no snippets
  std::string lang{};  // stem the query in this language only; "" = every language of the database
};

struct SearchHit {
  std::uint32_t rank = 0;  // 1-based, counting from the first hit of the whole result
  double score = 0;
  Article article;
  Snippet snippet;
  std::vector<ByteRange> title_highlights;
};

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
};

struct Facet {
  FacetField field;
  std::vector<FacetValue> values;  // most frequent first, ties by value
};

struct SearchResults {
  std::string query;
  Xapian::doccount estimate = 0, lower = 0, upper = 0;
  std::vector<SearchHit> hits;
  std::vector<Facet> facets;
  std::optional<std::string> suggestion;  // the query with likely misspellings corrected
  std::string note;                       // e.g. why the query was searched as plain words
  double took_ms = 0;
};

// A read-only view of one database (a folder or a stub listing shards). Not thread-safe; open
// one per thread. Every method throws DatabaseError on failure; no Xapian error escapes.
class Searcher {
 public:
  // Throws DatabaseError when the database is missing, unreadable, or of another schema.
  explicit Searcher(const std::string& path);

  SearchResults search(const SearchRequest& request);

  // The stored article with `id`, or nothing.
  std::optional<Article> article(const std::string& id);

 private:
  SearchResults run(const SearchRequest& request);
  bool is_known(const std::string& word);
  std::optional<std::string> suggest(const std::string& query_text,
                                     const std::vector<std::string>& words);
  std::optional<Xapian::Query> like_query(const std::string& id);

  std::string path_;
  Xapian::Database db_;
  Analyzer analyzer_;
  std::vector<std::string> languages_;  // languages present in the database
};

}  // namespace dateline
