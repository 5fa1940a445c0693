// Article -> Xapian document, laid out as schema.h says.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>

#include "analysis/analyzer.h"
#include "dateline/article.h"
#include "index/story_assigner.h"

namespace dateline {

// Builds documents: title words under kTitlePrefix and, weighted by kTitleWdf, unprefixed like
// body words so plain queries rank title matches higher; unstemmed words with positions (for
// phrases and exact words) and stemmed terms without (for ranking); author, source and tag
// words under their prefixes; boolean terms for id, language and date; values for sorting and
// facets; the article itself as the document data. Not thread-safe (uses the Analyzer).
class DocumentBuilder {
 public:
  explicit DocumentBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}

  // `article.lang` is the language to stem in ("" or unknown: no stemming). `body_tokens`, when
  // given, are the analyzer's tokens of article.body (the story's signature was made from
  // them: tokenizing once saves the time).
  Xapian::Document build(const Article& article, std::string_view content_hash,
                         const StoryFields& story = {},
                         const std::vector<Token>* body_tokens = nullptr);

  // The distinct alphabetic words of the last article built, for spelling suggestions.
  const std::set<std::string>& spelling_words() const { return spelling_words_; }

  static constexpr Xapian::termcount kTitleWdf = 3;

 private:
  void index_text(Xapian::Document& doc, std::string_view text, std::string_view lang,
                  Xapian::termpos& pos, const std::vector<Token>* tokens);
  void add_story(Xapian::Document& doc, const StoryFields& story);
  void index_title(Xapian::Document& doc, std::string_view text, std::string_view lang,
                   Xapian::termpos& pos);
  void index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                   Xapian::termpos& pos);
  // The character bigrams of the CJK runs among tokens_, with positions of their own.
  void index_bigrams(Xapian::Document& doc, Xapian::termcount wdf);

  Analyzer& analyzer_;
  void note_spelling(const Token& token);

  std::vector<Token> tokens_;  // reused between calls to save allocations
  std::set<std::string> spelling_words_;
  Xapian::termpos bigram_pos_ = 0;
};

}  // namespace dateline
