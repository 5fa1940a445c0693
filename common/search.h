// Running a query against a database and collecting the hits.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer.h"
#include "dateline/article.h"

namespace dateline {

struct SearchOptions {
  std::uint32_t limit = 10;
  std::uint32_t offset = 0;
};

struct SearchHit {
  std::uint32_t rank = 0;  // 1-based, counting from the first hit of the whole result
  double score = 0;
  Article article;
};

struct SearchResults {
  std::string query;
  Xapian::doccount estimate = 0, lower = 0, upper = 0;
  std::vector<SearchHit> hits;
  double took_ms = 0;
};

// A read-only view of one database. Not thread-safe; open one per thread.
class Searcher {
 public:
  // Opens the database (a folder or a stub file). Throws DatabaseError when it is missing,
  // unreadable, or of another schema version.
  explicit Searcher(const std::string& path);

  // Ranks the articles matching any word of `query` (BM25; stemmed in the languages of the
  // database; title matches weigh more). Equal scores are ordered by id.
  SearchResults search(const std::string& query, const SearchOptions& options);

 private:
  Xapian::Query build_query(const std::string& text);

  std::string path_;
  Xapian::Database db_;
  Analyzer analyzer_;
  std::vector<std::string> languages_;  // languages present in the database
};

}  // namespace dateline
