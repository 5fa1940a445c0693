// Searching a Dateline database: the request, the results, and the Searcher that runs one on
// the other. Ranking, paging, sorting, facets, more-like-this, "did you mean" and snippets.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/article.h"
#include "dateline/export.h"
#include "dateline/names.h"

namespace dateline {

enum class SortOrder { kRelevance, kNewest, kOldest };
enum class FacetField { kSource, kLang, kTag, kYear };
// Pseudo-relevance feedback: reordering the hits by the telling words of the best ones.
// kAuto: for natural-language queries (at least kFeedbackMinWords plain words, no operators),
// ranked by relevance; kAlways: every query ranked by relevance; kNever: none.
enum class Feedback { kAuto, kAlways, kNever };
inline constexpr std::size_t kFeedbackMinWords = 4;
// Collapsing: kStory shows one hit per story (near copies of one article, found when
// indexing), the best-ranked copy standing for the others; kNone shows every matching article.
enum class Collapse { kStory, kNone };
// The periods a timeline counts matches by (UTC; a week starts on Monday).
enum class TimelinePeriod { kDay, kWeek, kMonth, kYear };

template <>
struct Names<SortOrder> {
  static constexpr std::string_view kNames = "relevance newest oldest";
  static constexpr std::string_view kAliases = "date=newest";
};
template <>
struct Names<FacetField> {
  static constexpr std::string_view kNames = "source lang tag year";
  static constexpr std::string_view kAliases = "tags=tag language=lang";
};
template <>
struct Names<Collapse> {
  static constexpr std::string_view kNames = "story none";
  static constexpr std::string_view kAliases = "stories=story";
};
template <>
struct Names<TimelinePeriod> {
  static constexpr std::string_view kNames = "day week month year";
  static constexpr std::string_view kAliases = "";
};
template <>
struct Names<Feedback> {
  static constexpr std::string_view kNames = "auto always never";
  static constexpr std::string_view kAliases = "";
};

struct SearchRequest {
  std::string query{};    // the query language of the README; any bytes (invalid UTF-8 repaired)
  std::string like_id{};  // when set: articles like this one (the query, if any, filters them)
  std::uint32_t limit = 10;
  std::uint32_t offset = 0;
  SortOrder sort = SortOrder::kRelevance;
  std::vector<FacetField> facets{};
  std::size_t snippet_chars = 200;  // 0: no snippets
  std::string lang{};  // stem the query in this language only; "" = every language of the database
  // The search stops after this long (prefix expansion and matching alike) and returns the
  // best hits found by then, with SearchResults::partial set (0: no bound).
  double time_limit_ms = 0;
  // Feedback never changes which articles match (nor totals or facets), only their order.
  Feedback feedback = Feedback::kAuto;
  // Count every match, so that total.lower == total.upper (costs a look at each of them);
  // otherwise the total is exact only where the match could prove it (see describe_total).
  bool exact_count = false;
  // One hit per story, and exact counts of the articles and stories matched.
  Collapse collapse = Collapse::kStory;
  // Collapsed, whether each hit lists its story's versions (Story::versions: JSON and the
  // page show them). false: copies, sources and first_seen only, which read one stored
  // article per story instead of one per version (what the text output shows).
  bool story_versions = true;
  // When set: the matching articles and stories counted per period, over every match.
  std::optional<TimelinePeriod> timeline{};
  // When above 0: relevance blended with age, a match this many days older than `now`
  // counting half as much recency (nothing dropped). `now` is a date as the readers take it;
  // "" = the newest article's day.
  double recency_half_life_days = 0;
  std::string now{};
};

// "7d", "12h", "2w", "1y" or a bare number of days as days; nothing for other text.
DATELINE_API std::optional<double> parse_half_life_days(std::string_view text);

using ByteRange = std::pair<std::uint32_t, std::uint32_t>;  // [start, end) in UTF-8 bytes

// The passage of a text that best shows why it matched.
struct Snippet {
  std::string text{};                   // whitespace runs collapsed to one space; "…" where cut
  std::vector<ByteRange> highlights{};  // into `text`, in order, on character boundaries
};

// A matching copy of a story.
struct StoryCopy {
  std::string id{};
  std::string title{};
  std::string source{};
  std::string date{};
};

// The story of a hit: its id always; when collapsed, its matching copies (the hit among them).
struct Story {
  std::string id{};
  std::uint64_t copies = 0;            // matching copies, exact (0 when not collapsed)
  std::vector<std::string> sources{};  // their distinct sources, in order of first copy
  std::string first_seen{};            // the earliest copy's date as written
  std::vector<StoryCopy> versions{};   // the copies, earliest first (at most kMaxVersions)

  static constexpr std::size_t kMaxVersions = 100;
};

struct SearchHit {
  std::uint32_t rank = 0;  // 1-based, counting from the first hit of the whole result
  double score = 0;
  Article article{};
  Snippet snippet{};
  std::vector<ByteRange> title_highlights{};  // into article.title
  Story story{};
};

// The matches of one period of a timeline.
struct TimelineBucket {
  std::string period{};  // "YYYY-MM-DD" (a day, or a week's Monday), "YYYY-MM" or "YYYY"
  std::string first_day{}, last_day{};  // its days, for a date: filter
  std::uint64_t articles = 0, stories = 0;
};

struct Timeline {
  TimelinePeriod period = TimelinePeriod::kDay;
  std::vector<TimelineBucket> buckets{};  // every period from the first match's to the last's
  std::uint64_t undated = 0;              // matching articles without a date
};

// An article to read whole, with every match of a query marked in its title and body.
struct ArticleView {
  Article article{};
  std::vector<ByteRange> title_highlights{};  // into article.title
  std::vector<ByteRange> body_highlights{};   // into article.body
};

struct FacetValue {
  std::string value{};
  std::uint64_t count = 0;
};

struct Facet {
  FacetField field = FacetField::kSource;
  std::vector<FacetValue> values{};  // most frequent first, ties by value
};

struct SearchResults {
  std::string query{};                               // as searched (after UTF-8 repair)
  std::uint64_t estimate = 0, lower = 0, upper = 0;  // how many articles match in all
  // Exact counts over every match, when collapsing or counting a timeline (else 0): articles
  // (then also estimate = lower = upper) and stories.
  std::uint64_t articles = 0, stories = 0;
  bool collapsed = false;  // one hit per story
  std::optional<Timeline> timeline{};
  std::vector<SearchHit> hits{};
  std::vector<Facet> facets{};              // one per requested field, in request order
  std::optional<std::string> suggestion{};  // the query with likely misspellings corrected
  std::vector<std::string> notes{};  // how the query was read, when not as typed (plain words...)
  bool feedback = false;             // whether pseudo-relevance feedback ordered the hits
  // The time limit passed before the search was done: the hits are the best found by then,
  // totals and facets count only what was matched by then, and a note says so.
  bool partial = false;
  double took_ms = 0;
};

// A read-only view of one database (a folder, or a stub file listing local or remote shards).
// Each search sees the database's latest commit: an indexer may write to it meanwhile.
// Not thread-safe: open one Searcher per thread (they are cheap; the OS caches the files).
class DATELINE_API Searcher {
 public:
  // Throws DatabaseError when the database is missing, unreadable, or of another schema.
  explicit Searcher(const std::string& path);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Runs `request`. A query that does not parse is searched as plain words (see `note`).
  // Throws DatabaseError when the database cannot be read.
  SearchResults search(const SearchRequest& request);

  // The stored article with `id`, or nothing. Throws DatabaseError.
  std::optional<Article> article(const std::string& id);
  // The stored article with `id` and the matches of `query` in it (highlighted as in hits),
  // or nothing. Throws DatabaseError, and UsageError for a query with an unreadable filter.
  std::optional<ArticleView> view(const std::string& id, const std::string& query);

  // How many articles the database holds (at its latest commit). Throws DatabaseError.
  std::uint64_t document_count();

  // The languages of the database's articles (ISO 639-1 codes, sorted), at its latest commit.
  // Throws DatabaseError.
  std::vector<std::string> languages();

  // The database path this searcher was opened with.
  const std::string& path() const;

 private:
  struct DATELINE_LOCAL Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
