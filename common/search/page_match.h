// The match of a search's page: its hits, one per story when collapsed.
//
// Collapsed, Enquire::set_collapse_key keeps the best-ranked copy of each story, reading every
// candidate's story value and keeping a map of the stories: that made the page's match about
// twice the uncollapsed one at reuters x4. With a StoryIndex the page comes from the uncollapsed
// ranking instead: the first copy of each story in ranking order is the copy the collapse
// keeps, in the same order (the ranking breaks ties by id), so the first offset + limit distinct
// stories of a deep enough ranking are exactly the collapsed page, whose stories the index
// gives without reading a value.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace dateline {

class StoryIndex;

struct Page {
  Xapian::MSet mset;                       // the match the hits are of, for Xapian's estimates
  std::vector<Xapian::MSetIterator> hits;  // ranks offset + 1 to offset + limit, in order
  std::vector<std::string> stories;        // when collapsed: each hit's story ("" for none)
};

// Ranking this many times offset + limit articles deep (but at least twice as deep, and twice
// the database's copies per story) gave every page of reuters x4's 1,000 queries in one match
// (4x: 138 of them needed a second); each try after is 4x deeper, and after kTries Xapian's
// collapse takes over (a page whose stories have thousands of copies each).
inline constexpr double kMinDepth = 2.0;
inline constexpr int kTries = 2;

// Runs the page's match of `enquire` (which has no collapse key): ranks offset + 1 to
// offset + limit, of stories when `collapsed` (from `index` when given). `before_match` is
// called before each match run, to give it fresh match spies.
Page match_page(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit,
                bool collapsed, const StoryIndex* index, const std::function<void()>& before_match);

}  // namespace dateline
