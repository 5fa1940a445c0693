#include "search/page_match.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "index/schema.h"
#include "search/story_index.h"

namespace dateline {

namespace {

// The first `want` stories of `ranking` into `page`; false when it has fewer and more matches
// beyond it.
bool first_of_each_story(const Xapian::MSet& ranking, Xapian::doccount depth, std::size_t want,
                         const StoryIndex& index, Page& page) {
  page.hits.clear();
  page.stories.clear();
  std::unordered_set<std::uint32_t> seen;
  for (auto it = ranking.begin(); it != ranking.end() && page.hits.size() < want; ++it) {
    const std::uint32_t story = index.story_of(*it);
    if (story != StoryIndex::kNoStory && !seen.insert(story).second) continue;
    page.hits.push_back(it);
    page.stories.push_back(story == StoryIndex::kNoStory ? std::string() : index.story_id(story));
  }
  return page.hits.size() == want || ranking.size() < depth;
}

}  // namespace

Page match_page(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit,
                bool collapsed, const StoryIndex* index,
                const std::function<void()>& before_match) {
  Page page;
  const std::size_t want = std::size_t{offset} + limit;
  if (collapsed && index && want > 0) {
    const double depth_factor = std::max(kMinDepth, kMinDepth * index->copies_per_story());
    double depth = std::ceil(static_cast<double>(want) * depth_factor);
    for (int attempt = 0; attempt < kTries; ++attempt, depth *= 4) {
      const auto rows = static_cast<Xapian::doccount>(
          std::min<double>(depth, std::numeric_limits<Xapian::doccount>::max()));
      before_match();
      page.mset = enquire.get_mset(0, rows);
      if (first_of_each_story(page.mset, rows, want, *index, page)) {
        const auto skipped =
            static_cast<std::ptrdiff_t>(std::min<std::size_t>(offset, page.hits.size()));
        page.hits.erase(page.hits.begin(), page.hits.begin() + skipped);
        page.stories.erase(page.stories.begin(), page.stories.begin() + skipped);
        return page;
      }
    }
  }
  if (collapsed) enquire.set_collapse_key(schema::kStorySlot);
  before_match();
  // At least one match is checked, so that even --limit 0 learns whether anything matched.
  page.mset = enquire.get_mset(offset, limit, 1);
  page.hits.clear();
  page.stories.clear();
  for (auto it = page.mset.begin(); it != page.mset.end(); ++it) {
    page.hits.push_back(it);
    if (collapsed) page.stories.push_back(it.get_collapse_key());
  }
  return page;
}

}  // namespace dateline
