// Query tree -> Xapian query, analysed with the same Analyzer as the articles; and the set of
// forms a snippet should highlight.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "search/highlight_terms.h"
#include "search/query_parser.h"

namespace dateline {

struct BuiltQuery {
  Xapian::Query query;  // MatchNothing when nothing searchable was left
  HighlightTerms highlight;
  std::vector<std::string> words;  // the folded positive words, for spelling suggestions
};

// Builds queries for a database whose articles are in `languages` (words are stemmed in each).
// Not thread-safe (uses the Analyzer).
class QueryBuilder {
 public:
  // With `db`, prefix* is expanded over the whole database here (all its shards at once), so
  // results do not depend on how articles are sharded; without, Xapian expands it.
  QueryBuilder(Analyzer& analyzer, std::vector<std::string> languages,
               const Xapian::Database* db = nullptr)
      : analyzer_(analyzer), languages_(std::move(languages)), db_(db) {}

  BuiltQuery build(const QueryNode& root);

  static constexpr Xapian::termcount kNearWindow = 10;
  static constexpr Xapian::termcount kMaxWildcardTerms = 200;

 private:
  Xapian::Query node(const QueryNode& n, bool positive, BuiltQuery& out);
  Xapian::Query group(const QueryNode& n, bool positive, BuiltQuery& out);
  Xapian::Query word(const QueryNode& n, bool positive, BuiltQuery& out);
  Xapian::Query phrase(const QueryNode& n, bool positive, BuiltQuery& out);
  Xapian::Query prefix(const QueryNode& n, bool positive, BuiltQuery& out);
  Xapian::Query near(const QueryNode& n, bool positive, BuiltQuery& out);
  Xapian::Query one_token(const Token& token, QueryField field, bool positive, BuiltQuery& out);
  // With `words` the query for a typed CJK text: also its bigram phrase, for recall.
  Xapian::Query with_bigrams(Xapian::Query words, const std::vector<Token>& tokens,
                             QueryField field, bool positive, BuiltQuery& out);

  Analyzer& analyzer_;
  std::vector<std::string> languages_;
  const Xapian::Database* db_;
};

// Whether a query node only filters (lang:, id:, date:), adding nothing to the score.
bool is_filter(const QueryNode& n);

}  // namespace dateline
