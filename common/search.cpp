#include "search.h"

#include <chrono>
#include <set>

#include "database_meta.h"
#include "errors.h"
#include "schema.h"
#include "stored_article.h"

namespace dateline {

Searcher::Searcher(const std::string& path) : path_(path) {
  try {
    db_ = Xapian::Database(path);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw DatabaseError(path + ": no database here (create one with indexer --db " + path + ")");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open the database: " + e.get_description());
  }
  check_schema(db_, path);
  const std::string prefix(schema::kLangPrefix);
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    languages_.push_back((*it).substr(prefix.size()));
  }
}

Xapian::Query Searcher::build_query(const std::string& text) {
  std::vector<Xapian::Query> words;
  for (const Token& token : analyzer_.tokenize(text)) {
    // A word matches its exact form and its stem in every language of the database.
    std::set<std::string> forms{token.term};
    for (const std::string& lang : languages_) {
      std::string stem = analyzer_.stem(lang, token);
      if (!stem.empty()) forms.insert(std::string(schema::kStemPrefix) + stem);
    }
    std::vector<Xapian::Query> variants;
    for (const std::string& form : forms) {
      if (form == token.term && forms.size() > 1) continue;  // the stems cover it
      variants.emplace_back(form);
    }
    words.emplace_back(Xapian::Query::OP_SYNONYM, variants.begin(), variants.end());
  }
  return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

SearchResults Searcher::search(const std::string& query, const SearchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  SearchResults results;
  results.query = query;
  try {
    Xapian::Enquire enquire(db_);
    enquire.set_query(build_query(query));
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, /*reverse=*/false);
    const Xapian::MSet mset = enquire.get_mset(options.offset, options.limit);
    results.estimate = mset.get_matches_estimated();
    results.lower = mset.get_matches_lower_bound();
    results.upper = mset.get_matches_upper_bound();
    std::uint32_t rank = options.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      results.hits.push_back(
          SearchHit{++rank, it.get_weight(), from_stored(it.get_document().get_data())});
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": search failed: " + e.get_description());
  }
  results.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return results;
}

}  // namespace dateline
