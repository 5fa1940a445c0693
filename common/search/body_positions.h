// Where in a stored body the words of a query are, read from the index instead of analysing
// the body: the positions of the document's terms that the snippet maker says may match.
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

#include "index/word_map.h"
#include "search/snippet.h"

namespace dateline {

// The body words of `doc` that may match, sorted by their index in `map`'s count, for
// SnippetMaker::passage_from_positions(): a walk of the document's term list (a few tens of
// microseconds) and a position list per term that may match.
std::vector<SnippetMaker::WordHit> body_words_that_may_match(const Xapian::Document& doc,
                                                             const WordMap& map,
                                                             SnippetMaker& snippets,
                                                             std::string_view lang);

}  // namespace dateline
