#include "search/body_positions.h"

#include "index/schema.h"

namespace dateline {

std::vector<SnippetMaker::WordHit> body_words_that_may_match(const Xapian::Document& doc,
                                                             const WordMap& map,
                                                             SnippetMaker& snippets,
                                                             std::string_view lang) {
  std::vector<SnippetMaker::WordHit> hits, part_hits;
  const auto add_positions = [&](Xapian::TermIterator& term, const std::string& key,
                                 const std::string& phrase_word,
                                 std::vector<SnippetMaker::WordHit>& out) {
    for (auto p = term.positionlist_begin(); p != term.positionlist_end(); ++p) {
      // Title words have positions before the body's; author, source and tag words after.
      if (*p >= map.first_position && *p - map.first_position < map.words) {
        out.push_back({*p - map.first_position, key, phrase_word});
      }
    }
  };
  const std::string none;
  std::string part;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    const std::string& name = *term;
    if (name.empty()) continue;
    if (name[0] >= 'A' && name[0] <= 'Z') {  // a prefixed term: only compound parts matter
      if (!name.starts_with(schema::kPartPrefix)) continue;
      part.assign(name, schema::kPartPrefix.size());
      if (snippets.part_matches(part)) add_positions(term, part, none, part_hits);
    } else {
      const std::string key = snippets.key_of_term(name, lang);
      const bool in_phrase = snippets.in_phrase(name);
      if (!key.empty() || in_phrase) add_positions(term, key, in_phrase ? name : none, hits);
    }
  }
  return SnippetMaker::merged_hits(std::move(hits), std::move(part_hits));
}

}  // namespace dateline
