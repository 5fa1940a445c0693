#include "search/spelling.h"

#include "index/schema.h"

namespace dateline {

// Words are found in the folded query; the replacement goes at the same place in the query as
// typed when folding kept every byte in place (case only), else in the folded query.
std::optional<std::string> SpellingSuggester::suggest(const std::string& query_text,
                                                      const std::vector<std::string>& words) {
  std::string folded = Analyzer::fold(query_text);
  std::string suggestion = folded.size() == query_text.size() ? query_text : folded;
  bool corrected = false;
  for (const std::string& word : words) {
    if (word.size() < 3 || is_known(word)) continue;
    const std::string better = db_.get_spelling_suggestion(word, 2);
    const std::size_t at = folded.find(word);
    if (better.empty() || at == std::string::npos) continue;
    folded.replace(at, word.size(), better);
    suggestion.replace(at, word.size(), better);
    corrected = true;
  }
  if (!corrected) return std::nullopt;
  return suggestion;
}

// Only a word the database has in no form is taken for a misspelling.
bool SpellingSuggester::is_known(const std::string& word) {
  if (db_.term_exists(word)) return true;
  for (const Token& token : analyzer_.tokenize(word)) {
    for (const std::string& lang : languages_) {
      const std::string stem = analyzer_.stem(lang, token);
      if (!stem.empty() && db_.term_exists(std::string(schema::kStemPrefix) + stem)) return true;
    }
  }
  return false;
}

}  // namespace dateline
