// Query tree -> Xapian query, analysed with the same Analyzer as the articles; and the set of
// forms a snippet should highlight.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "search/deadline.h"
#include "search/highlight_terms.h"
#include "search/query_parser.h"

namespace dateline {

struct BuiltQuery {
  Xapian::Query query;  // MatchNothing when nothing searchable was left
  HighlightTerms highlight;
  std::vector<std::string> words;  // the folded positive words, for spelling suggestions
  bool cut_short = false;  // the deadline passed while prefixes were expanded: some match less
  bool too_long = false;   // past kMaxClauses words, the rest were left out
  // So many prefixes that each was expanded to fewer than kMaxWildcardTerms words: the number.
  Xapian::termcount narrowed_to = 0;
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
  // Prefix expansion stops when `deadline` passes (the prefixes not expanded match nothing,
  // and BuiltQuery::cut_short says so). It must outlive the builder.
  void set_deadline(const Deadline* deadline) { deadline_ = deadline; }

  static constexpr Xapian::termcount kNearWindow = 10;
  static constexpr Xapian::termcount kMaxWildcardTerms = 200;
  // Words, phrases and prefixes a query may have; the rest are left out. Xapian 1.4 builds
  // the posting lists of a large OR in time that grows faster than its size (10,000 ORed
  // words: 9 s before the first document, where no time limit can reach), so the size is
  // bounded instead, as Lucene's maxClauseCount bounds it (1,024 by default).
  static constexpr std::size_t kMaxClauses = 1024;
  // Words all the prefixes of a query expand to, shared among them: 500 prefixes of 200 words
  // each took seconds to set up in Xapian before the first document was matched.
  static constexpr Xapian::termcount kMaxExpandedTerms = 4096;

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
  const Deadline* deadline_ = nullptr;
  Xapian::termcount wildcard_terms_ = kMaxWildcardTerms;  // for each prefix of this query
};

// Whether a query node only filters (lang:, id:, date:), adding nothing to the score.
bool is_filter(const QueryNode& n);

}  // namespace dateline
