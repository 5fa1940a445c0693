// "Did you mean": the query with each word the database has in no form replaced by the closest
// word it has, from the spelling data the indexer records.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"

namespace dateline {

// Not thread-safe (uses the Analyzer).
class SpellingSuggester {
 public:
  // `languages`: those of the database, whose stems count as knowing a word.
  SpellingSuggester(const Xapian::Database& db, Analyzer& analyzer,
                    const std::vector<std::string>& languages)
      : db_(db), analyzer_(analyzer), languages_(languages) {}

  // `query_text` with its misspelt `words` (folded, as the query builder found them)
  // corrected; nothing when none is misspelt or none has a likely correction.
  std::optional<std::string> suggest(const std::string& query_text,
                                     const std::vector<std::string>& words);

 private:
  // Whether the database has `word` as written or any of its stems.
  bool is_known(const std::string& word);

  const Xapian::Database& db_;
  Analyzer& analyzer_;
  const std::vector<std::string>& languages_;
};

}  // namespace dateline
