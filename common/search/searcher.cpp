#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

#include "dateline/errors.h"
#include "dateline/search.h"
#include "index/database_meta.h"
#include "index/schema.h"
#include "index/stored_article.h"
#include "index/story_assigner.h"
#include "index/stub_tree.h"
#include "index/word_map.h"
#include "search/body_positions.h"
#include "search/deadline.h"
#include "search/expansion.h"
#include "search/facets.h"
#include "search/page_match.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/recency.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "search/stories.h"
#include "search/story_index.h"
#include "util/date.h"
#include "util/error_edge.h"
#include "util/lang_tag.h"
#include "util/utf8.h"

namespace dateline {
namespace {

// BM25 parameters. Measured with nDCG@10 on the judged collections (cacm, cranfield, med;
// see docs/relevance.md): Xapian's defaults (k1 1, b 0.5) gave 0.4951 / 0.3580 / 0.6809;
// these give 0.5037 / 0.3634 / 0.6937, better on all three, so not fitted to one.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;

// Bodies longer than this get their snippets from positions (see snippet_of()); shorter ones
// are analysed whole, which costs less than reading the document's term list and positions.
// With ICU left out for ASCII text (ascii_words.h), of 600, 1,500 and 3,000 bytes, 1,500 gave
// the lowest p50 on bbc-news (top 10 and top 100) and within 2% of the lowest on reuters21578.
constexpr std::size_t kSnippetsByPositionBytes = 1500;

// Relevance, newest or oldest first; equal keys ordered by id so output is deterministic.
void set_order(Xapian::Enquire& enquire, SortOrder sort, Xapian::MultiValueKeyMaker& by_date) {
  if (sort == SortOrder::kRelevance) {
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, /*reverse=*/false);
    return;
  }
  by_date.add_value(schema::kDateSlot, sort == SortOrder::kNewest);
  by_date.add_value(schema::kIdSlot);
  enquire.set_sort_by_key(&by_date, /*reverse=*/false);
}

// Xapian keeps the revision a reader is on until the writer's second commit after it; a read
// overtaken by two commits throws DatabaseModifiedError. Such a read is run again, on the newest
// revision (`step` opens or refreshes the database first), a few times at most.
constexpr int kRevisionAttempts = 5;

template <typename Step>
auto on_newest_revision(Step&& step) {
  for (int attempt = 1;; ++attempt) {
    try {
      return step();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kRevisionAttempts) throw;
    }
  }
}

// A request's query as Xapian will run it, with what the query builder found on the way.
struct PreparedQuery {
  Xapian::Query query = Xapian::Query::MatchNothing;
  BuiltQuery built;
  bool natural_language = false;  // plain words only, enough of them for feedback
};

bool wants_feedback(const SearchRequest& request, const PreparedQuery& prepared) {
  if (request.sort != SortOrder::kRelevance) return false;
  return request.feedback == Feedback::kAlways ||
         (request.feedback == Feedback::kAuto && prepared.natural_language);
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// What the query builder left out, said in the answer.
void note_query_cuts(const BuiltQuery& built, SearchResults& results) {
  if (built.too_long) {
    results.notes.push_back("the query has more than " + std::to_string(QueryBuilder::kMaxClauses) +
                            " words, phrases and prefixes; those after were left out");
  }
  if (built.narrowed_to > 0) {
    results.notes.push_back("so many prefixes: each matches its " +
                            std::to_string(built.narrowed_to) + " most frequent words");
  }
}

// What the time limit cut: the page's match (and with it every count), or only the counting.
void note_time_limit(const Deadline& deadline, bool page_cut, bool prefixes_cut,
                     SearchResults& results) {
  const std::string limit = std::to_string(static_cast<long>(deadline.limit_ms()));
  if (page_cut) {
    results.notes.push_back("stopped at the time limit of " + limit +
                            " ms: the best hits found by then; totals and facets count only "
                            "what was matched by then" +
                            (prefixes_cut ? ", and some prefixes were not expanded" : ""));
  } else {
    results.notes.push_back("stopped counting at the time limit of " + limit +
                            " ms: the hits are complete; totals, facets and stories count only "
                            "what was matched by then");
  }
}

// The spies of a page's match under a time limit: if it is cut short, what they saw is the
// answer.
struct PageSpies {
  PageSpies(const Deadline& deadline, const SearchRequest& request, bool remote,
            const StoryIndex* index)
      : best(deadline, std::size_t{request.offset} + request.limit),
        facets(request.facets),
        stories(remote, request.timeline.has_value(), index) {}
  DeadlineSpy best;
  FacetCounter facets;
  StoryCounter stories;
};

// What a counting match found: how many documents match, exactly when every one was counted.
struct MatchTotals {
  bool every_match = false;
  std::uint64_t estimate = 0, lower = 0, upper = 0;
};

// Counting has a match of its own, unweighted and with no page. Counted in the match of the
// page, every match must be weighted (Xapian cannot skip those that cannot reach the page):
// with collapsing, that cost 1.9x the search at p50 and 3x at p90 on reuters x4. And over
// remote shards, Xapian 1.4's match spies count some documents of the page twice (as many as
// there are shards, up to the page's size: 32 for 29 matches with 3 shards and 10 hits), but
// count exactly in a match that returns no page.
//
// Counts every match of `query` on `db` with the facet and story spies; the totals, exact when
// every match was counted; none when the deadline cut it short (the spies then hold the matches
// seen by then). `remote`: some shard of `db` is remote.
std::optional<MatchTotals> count_matches(const Xapian::Database& db, bool remote,
                                         const Xapian::Query& query, const Deadline& deadline,
                                         FacetCounter& facets, StoryCounter* stories) {
  Xapian::Enquire enquire(db);
  DeadlineSource deadline_source(deadline);
  enquire.set_query(deadline.bounded() && !remote ? Xapian::Query(Xapian::Query::OP_FILTER, query,
                                                                  Xapian::Query(&deadline_source))
                                                  : query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // which documents, not how well
  // Remote shards stop counting at Xapian's own time limit, which they are sent.
  if (deadline.bounded() && remote) {
    enquire.set_time_limit(std::max(deadline.remaining_ms(), 1.0) / 1000.0);
  }
  facets.attach(enquire);
  if (stories) stories->attach(enquire);
  try {
    if (deadline.passed()) return std::nullopt;
    const Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
    return MatchTotals{counted.get_matches_lower_bound() == counted.get_matches_upper_bound(),
                       counted.get_matches_estimated(), counted.get_matches_lower_bound(),
                       counted.get_matches_upper_bound()};
  } catch (const DeadlinePassed&) {
    return std::nullopt;  // the spies hold what was counted by then
  }
}

}  // namespace

// The Xapian side of a Searcher, kept out of the public header.
struct Searcher::Impl {
  explicit Impl(const std::string& path);

  SearchResults search(const SearchRequest& request);
  std::optional<Article> article(const std::string& id);
  std::optional<ArticleView> view(const std::string& id, const std::string& query);

  // Moves to the database's latest commit (cheap when there is none newer).
  void refresh();
  void read_languages();
  SearchResults run(const SearchRequest& request);
  // The steps of run(): the query text into a Xapian query; the Enquire set up to run it;
  // the hits of the page with snippets; the counts over every match.
  PreparedQuery prepare(const SearchRequest& request, const Deadline& deadline,
                        SearchResults& results);
  std::string query_language(const std::string& tag, SearchResults& results);
  void configure(Xapian::Enquire& enquire, const SearchRequest& request, PreparedQuery& prepared,
                 SearchResults& results);
  void collect(const Page& page, const SearchRequest& request, const BuiltQuery& built,
               SearchResults& results);
  // The hits of a match the deadline ended: the best `spy` saw, in the request's order.
  void collect_partial(DeadlineSpy& spy, const SearchRequest& request, const BuiltQuery& built,
                       SearchResults& results);
  // The counting match (see count_matches()) in a thread of its own, on count_db_, while the
  // caller makes the page's snippets; not valid when it cannot run so (see its definition).
  std::future<std::optional<MatchTotals>> count_beside(const Xapian::Query& query,
                                                       const Deadline& deadline,
                                                       FacetCounter& facets, StoryCounter* stories);
  Snippet snippet_of(const Xapian::Document& doc, std::string_view data, const Article& article,
                     SnippetMaker& snippets, const SearchRequest& request);
  SearchHit hit_of(const Xapian::Document& doc, double score, SnippetMaker& snippets,
                   const SearchRequest& request);
  void add_recency(Xapian::Enquire& enquire, const SearchRequest& request, PreparedQuery& prepared);
  void add_stories(StoryCounter& counter, const SearchRequest& request, const Xapian::Query& query,
                   bool every_match, SearchResults& results);

  // Every document's story and day (see story_index.h), for a search that counts stories: from
  // this Searcher's second such search on (one pass over a slot pays over many searches, not
  // for one), rebuilt when the database moves to another revision. None for several or remote
  // shards.
  const StoryIndex* story_index();

  std::string path_;
  Xapian::Database db_;
  // A second handle of the database, for counting beside the page (count_beside()): opened
  // with the first, so that the server's plan of file descriptors counts it. None for several
  // or remote shards, or when it could not be opened.
  void open_count_db();
  std::optional<Xapian::Database> count_db_;
  std::optional<StoryIndex> story_index_;
  // The database (its uuid: compaction puts a new one in its place) and revision story_index_
  // was read at.
  std::optional<std::pair<std::string, Xapian::rev>> story_index_revision_;
  int counting_searches_ = 0;
  Analyzer analyzer_;
  std::vector<std::string> languages_;  // languages present in the database
  bool remote_ = false;                 // some shard is remote: no DeadlineSpy there
};

Searcher::Searcher(const std::string& path)
    : impl_(at_api_edge<DatabaseError>(path, [&] { return std::make_unique<Impl>(path); })) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  return at_api_edge<DatabaseError>(impl_->path_ + ": search failed",
                                    [&] { return impl_->search(request); });
}

std::optional<Article> Searcher::article(const std::string& id) {
  return at_api_edge<DatabaseError>(impl_->path_, [&] { return impl_->article(id); });
}

std::optional<ArticleView> Searcher::view(const std::string& id, const std::string& query) {
  return at_api_edge<DatabaseError>(impl_->path_, [&] {
    try {
      return on_newest_revision([&] { return impl_->view(id, query); });
    } catch (const Xapian::Error& e) {
      throw DatabaseError(impl_->path_ + ": cannot read article " + id + ": " +
                          e.get_description());
    }
  });
}

const std::string& Searcher::path() const { return impl_->path_; }

std::uint64_t Searcher::document_count() {
  return at_api_edge<DatabaseError>(impl_->path_ + ": cannot read the database", [&] {
    return on_newest_revision([&] {
      impl_->refresh();
      return impl_->db_.get_doccount();
    });
  });
}

std::vector<std::string> Searcher::languages() {
  return at_api_edge<DatabaseError>(impl_->path_ + ": cannot read the database", [&] {
    return on_newest_revision([&] {
      impl_->refresh();
      return impl_->languages_;
    });
  });
}

void Searcher::Impl::read_languages() {
  languages_.clear();
  const std::string prefix(schema::kLangPrefix);
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    languages_.push_back((*it).substr(prefix.size()));
  }
}

void Searcher::Impl::refresh() {
  if (db_.reopen()) read_languages();
  if (count_db_) count_db_->reopen();
}

void Searcher::Impl::open_count_db() {
  count_db_.reset();
  if (remote_ || db_.size() != 1) return;
  try {
    count_db_ = Xapian::Database(path_);
  } catch (const Xapian::Error&) {
    // Counted after the snippets instead (count_beside()), e.g. short of file descriptors.
  }
}

const StoryIndex* Searcher::Impl::story_index() {
  if (remote_ || db_.size() != 1 || counting_searches_ < 2) return nullptr;
  const std::pair<std::string, Xapian::rev> revision{db_.get_uuid(), db_.get_revision()};
  if (story_index_revision_ != revision) {
    story_index_ = StoryIndex::read(db_);
    story_index_revision_ = revision;
  }
  return story_index_ ? &*story_index_ : nullptr;
}

Searcher::Impl::Impl(const std::string& path) : path_(path) {
  remote_ = check_stub_tree(path).remote;  // before Xapian, which recurses on a cycle
  try {
    on_newest_revision([&] {
      db_ = Xapian::Database(path);
      check_schema(db_, path);
      read_languages();
      open_count_db();
    });
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw DatabaseError(path + ": no database here (create one with indexer --db " + path + ")");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open the database: " + e.get_description());
  }
}

std::optional<Article> Searcher::Impl::article(const std::string& id) {
  try {
    return on_newest_revision([&]() -> std::optional<Article> {
      refresh();
      auto doc = schema::document_by_id(db_, id);
      if (!doc) return std::nullopt;
      return from_stored(doc->get_data());
    });
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": cannot read article " + id + ": " + e.get_description());
  }
}

std::optional<ArticleView> Searcher::Impl::view(const std::string& id, const std::string& query) {
  auto article = this->article(id);
  if (!article) return std::nullopt;
  ArticleView view{.article = std::move(*article)};
  SearchRequest request;
  request.query = query;
  SearchResults ignored;
  const PreparedQuery prepared = prepare(request, Deadline{}, ignored);
  SnippetMaker marker(analyzer_, prepared.built.highlight);
  view.title_highlights = marker.highlight_all(view.article.title, view.article.lang);
  view.body_highlights = marker.highlight_all(view.article.body, view.article.lang);
  return view;
}

SearchResults Searcher::Impl::search(const SearchRequest& request) {
  // Each search sees the latest commit.
  try {
    return on_newest_revision([&] {
      refresh();
      return run(request);
    });
  } catch (const Xapian::DatabaseModifiedError&) {
    throw DatabaseError(path_ + ": search failed: the database changed " +
                        std::to_string(kRevisionAttempts) + " times during it");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": search failed: " + e.get_description());
  }
}

// The language to stem the query in ("" for every language of the database). Throws
// UsageError for a tag that is no language; notes a language the database has no article in.
std::string Searcher::Impl::query_language(const std::string& tag, SearchResults& results) {
  if (tag.empty()) return {};
  const auto lang = language_of_tag(tag);
  if (!lang) throw UsageError(unknown_language_message(tag));
  if (std::find(languages_.begin(), languages_.end(), *lang) == languages_.end()) {
    std::string known;
    for (const std::string& l : languages_) known += (known.empty() ? "" : ", ") + l;
    results.notes.push_back("no article of this database is in " + *lang + " (it has " +
                            (known.empty() ? "none" : known) + ")");
  }
  return *lang;
}

PreparedQuery Searcher::Impl::prepare(const SearchRequest& request, const Deadline& deadline,
                                      SearchResults& results) {
  const bool valid_utf8 = utf8::is_valid(request.query);
  results.query = valid_utf8 ? request.query : utf8::repair(request.query);
  if (!valid_utf8) results.notes.push_back("invalid UTF-8 in the query replaced with U+FFFD");
  const ParsedQuery parsed = parse_query(results.query);
  if (parsed.filter_error) throw UsageError(parsed.error);
  if (!parsed.error.empty()) results.notes.push_back(parsed.error + "; searched as plain words");
  results.notes.insert(results.notes.end(), parsed.notes.begin(), parsed.notes.end());

  PreparedQuery prepared;
  const std::string lang = query_language(request.lang, results);
  QueryBuilder builder(analyzer_, lang.empty() ? languages_ : std::vector<std::string>{lang}, &db_);
  builder.set_deadline(&deadline);
  if (parsed.root) {
    prepared.built = builder.build(*parsed.root);
    prepared.query = prepared.built.query;
    prepared.natural_language =
        request.like_id.empty() && plain_word_count(*parsed.root) >= kFeedbackMinWords;
  }
  if (!request.like_id.empty()) {
    const auto like = more_like_this(db_, request.like_id);
    if (!like) results.notes.push_back("no article with id " + request.like_id);
    prepared.query = !like         ? Xapian::Query::MatchNothing
                     : parsed.root ? Xapian::Query(Xapian::Query::OP_FILTER, *like, prepared.query)
                                   : *like;
  }
  return prepared;
}

void Searcher::Impl::configure(Xapian::Enquire& enquire, const SearchRequest& request,
                               PreparedQuery& prepared, SearchResults& results) {
  enquire.set_query(prepared.query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5));
  if (request.time_limit_ms > 0) enquire.set_time_limit(request.time_limit_ms / 1000.0);
  if (wants_feedback(request, prepared)) {
    prepared.query = with_feedback(db_, enquire, prepared.query);
    enquire.set_query(prepared.query);
    results.feedback = true;
  }
  add_recency(enquire, request, prepared);
}

void Searcher::Impl::add_recency(Xapian::Enquire& enquire, const SearchRequest& request,
                                 PreparedQuery& prepared) {
  if (request.recency_half_life_days <= 0) return;
  if (!(request.recency_half_life_days < 1e9)) throw UsageError("recency: half-life too long");
  Recency recency{request.recency_half_life_days, {}, 1};
  if (!request.now.empty()) {
    const auto now = parse_date(request.now);
    if (!now) throw UsageError("now: unreadable date " + request.now);
    recency.now_day = utc_day(now->start_instant());
  }
  // The best relevance score of the query alone sets the scale of the recency weights.
  const Xapian::MSet top = enquire.get_mset(0, 1);
  if (top.empty()) return;
  recency.scale = std::max(top.get_max_attained(), 1e-3);
  prepared.query = with_recency(db_, prepared.query, recency);
  enquire.set_query(prepared.query);
}

void Searcher::Impl::add_stories(StoryCounter& counter, const SearchRequest& request,
                                 const Xapian::Query& query, bool every_match,
                                 SearchResults& results) {
  // Exact when every match was counted; cut short by the time limit, lower bounds, and at least
  // what the page shows.
  results.articles = counter.articles();
  results.stories = counter.stories();
  if (every_match) {
    results.estimate = results.lower = results.upper = results.articles;
  } else {
    const std::uint64_t shown = std::uint64_t{request.offset} + results.hits.size();
    results.articles = std::max({results.articles, results.lower, shown});
    if (results.collapsed) results.stories = std::max(results.stories, shown);
    // Collapsed by Xapian, its bounds are of stories, and rough (from the ranking, of articles).
    results.lower = std::max(results.lower, results.articles);
    results.estimate = std::max(results.estimate, results.lower);
    results.upper = std::max(results.upper, results.estimate);
  }
  if (request.timeline) results.timeline = counter.timeline(*request.timeline);
  if (!results.collapsed) return;
  for (SearchHit& hit : results.hits) {
    hit.story.copies = std::max<std::uint64_t>(1, counter.copies(hit.story.id));
  }
  auto copies =
      counter.keeps_copies() ? counter.take_copies() : find_story_copies(db_, query, results.hits);
  describe_stories(db_, std::move(copies), request.story_versions, results.hits);
}

SearchHit Searcher::Impl::hit_of(const Xapian::Document& doc, double score, SnippetMaker& snippets,
                                 const SearchRequest& request) {
  SearchHit hit;
  hit.score = score;
  const std::string data = doc.get_data();
  hit.article = from_stored(data);
  hit.story.id = doc.get_value(schema::kStorySlot);
  if (request.snippet_chars > 0)
    hit.snippet = snippet_of(doc, data, hit.article, snippets, request);
  hit.title_highlights = snippets.highlight_all(hit.article.title, hit.article.lang);
  return hit;
}

// A long body's snippet from the index's positions of its matching words (analysing the
// stretches around them), a short one's by analysing it whole: below about three snippets'
// length, reading the positions costs more than it saves. Over remote shards, where each term
// list and position list would be a round trip, the words are found by analysis, so that the
// snippets are the same however the database is sharded.
Snippet Searcher::Impl::snippet_of(const Xapian::Document& doc, std::string_view data,
                                   const Article& article, SnippetMaker& snippets,
                                   const SearchRequest& request) {
  const std::string& body = article.body;
  if (body.size() > kSnippetsByPositionBytes && snippets.matches_by_position()) {
    if (const auto map = WordMap::parse(stored_word_map(data))) {
      const auto hits = remote_ ? snippets.hits_by_analysis(body, article.lang)
                                : body_words_that_may_match(doc, *map, snippets, article.lang);
      auto snippet =
          snippets.passage_from_positions(body, article.lang, request.snippet_chars, *map, hits);
      if (snippet) return std::move(*snippet);
    }
  }
  return snippets.passage(body, article.lang, request.snippet_chars);
}

void Searcher::Impl::collect(const Page& page, const SearchRequest& request,
                             const BuiltQuery& built, SearchResults& results) {
  results.estimate = page.mset.get_matches_estimated();
  results.lower = page.mset.get_matches_lower_bound();
  results.upper = page.mset.get_matches_upper_bound();
  SnippetMaker snippets(analyzer_, built.highlight);
  std::uint32_t rank = request.offset;
  for (const Xapian::MSetIterator& it : page.hits) {
    results.hits.push_back(hit_of(it.get_document(), it.get_weight(), snippets, request));
    results.hits.back().rank = ++rank;
  }
}

void Searcher::Impl::collect_partial(DeadlineSpy& spy, const SearchRequest& request,
                                     const BuiltQuery& built, SearchResults& results) {
  results.estimate = results.lower = spy.seen();
  results.upper = db_.get_doccount();
  std::vector<std::pair<Xapian::Document, double>> best;
  // By id: over several shards, a spy sees each shard's own docids.
  for (const DeadlineSpy::Seen& seen : spy.best()) {
    if (auto doc = schema::document_by_id(db_, seen.id)) best.emplace_back(*doc, seen.weight);
  }
  if (request.sort != SortOrder::kRelevance) {
    const bool newest = request.sort == SortOrder::kNewest;
    std::stable_sort(best.begin(), best.end(), [&](const auto& a, const auto& b) {
      const std::string da = a.first.get_value(schema::kDateSlot);
      const std::string db = b.first.get_value(schema::kDateSlot);
      return newest ? da > db : da < db;
    });
  }
  SnippetMaker snippets(analyzer_, built.highlight);
  std::uint32_t rank = request.offset;
  for (std::size_t i = request.offset; i < best.size(); ++i) {
    results.hits.push_back(hit_of(best[i].first, best[i].second, snippets, request));
    results.hits.back().rank = ++rank;
  }
}

// The counting match beside the page's snippets: on a second handle of the database at the
// page's revision (Xapian's objects are not to be shared across threads), with the query passed
// serialised (a Query's reference counts are not atomic). The search then takes about the
// longer of the two rather than their sum: collapsing cost 1.4x the uncollapsed p50 at
// reuters x4 counted after the snippets (docs/benchmarks.md). Only in a Searcher that has
// served a counting search before (a second handle is not worth opening for one search), on
// one local database (whose revision can be compared), with a second core, for a page with hits
// (else there is nothing to overlap); otherwise, and for a query that does not serialise, not
// valid: the caller counts after the snippets.
std::future<std::optional<MatchTotals>> Searcher::Impl::count_beside(const Xapian::Query& query,
                                                                     const Deadline& deadline,
                                                                     FacetCounter& facets,
                                                                     StoryCounter* stories) {
  static const bool second_core = std::thread::hardware_concurrency() > 1;
  if (remote_ || db_.size() != 1 || counting_searches_ < 2 || !second_core) return {};
  if (!count_db_) return {};
  // A commit between the two handles' reopening, or another database put in its place: the
  // next search's refresh() brings both to it.
  if (count_db_->get_revision() != db_.get_revision() || count_db_->get_uuid() != db_.get_uuid()) {
    return {};
  }
  std::string serialised;
  try {
    serialised = query.serialise();
  } catch (const Xapian::UnimplementedError&) {
    return {};
  }
  try {
    return std::async(std::launch::async, [&db = *count_db_, serialised = std::move(serialised),
                                           &deadline, &facets, stories] {
      return count_matches(db, /*remote=*/false, Xapian::Query::unserialise(serialised), deadline,
                           facets, stories);
    });
  } catch (const std::system_error&) {
    return {};  // no thread to be had: counted after the snippets
  }
}

SearchResults Searcher::Impl::run(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const Deadline deadline(request.time_limit_ms);
  SearchResults results;
  PreparedQuery prepared = prepare(request, deadline, results);
  bool timed_out = prepared.built.cut_short;
  note_query_cuts(prepared.built, results);
  Xapian::Enquire enquire(db_);
  // The order first: feedback takes the best hits, and ties among them must be broken by id,
  // as in the answer, not by docid (which differs however the database is sharded).
  Xapian::MultiValueKeyMaker by_date;
  set_order(enquire, request.sort, by_date);
  configure(enquire, request, prepared, results);
  results.collapsed = request.collapse == Collapse::kStory;
  FacetCounter facets(request.facets);
  const bool count_stories = results.collapsed || request.timeline;
  // Facets, stories, timelines and exact totals count every match, in a match of their own.
  const bool counting = !facets.empty() || count_stories || request.exact_count;
  if (counting && counting_searches_ < 2) ++counting_searches_;
  const StoryIndex* story_index = count_stories ? this->story_index() : nullptr;
  StoryCounter stories(remote_, request.timeline.has_value(), story_index);
  // The time limit cuts the page's match short only on local databases (DeadlineSource cannot
  // go to a remote shard). There the spies see the page's match too: if it is cut short, what
  // they counted by then is the answer. Fresh ones for each match the page runs.
  std::optional<PageSpies> page_spies;
  DeadlineSource deadline_source(deadline);
  const bool page_watched = deadline.bounded() && !remote_;
  if (page_watched) {
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, prepared.query, Xapian::Query(&deadline_source)));
  }
  const auto before_page_match = [&] {
    if (!page_watched) return;
    page_spies.emplace(deadline, request, remote_, story_index);
    enquire.clear_matchspies();
    enquire.add_matchspy(&page_spies->best);
    page_spies->facets.attach(enquire);
    if (count_stories) page_spies->stories.attach(enquire);
  };
  // The page first, on its own: Xapian then skips the documents that cannot reach it.
  bool page_cut_short = false;
  Page page;
  try {
    if (deadline.passed()) throw DeadlinePassed{};
    page = match_page(enquire, request.offset, request.limit, results.collapsed,
                      results.collapsed ? story_index : nullptr, before_page_match);
  } catch (const DeadlinePassed&) {
    if (!page_spies) page_spies.emplace(deadline, request, remote_, story_index);
    collect_partial(page_spies->best, request, prepared.built, results);
    page_cut_short = timed_out = true;
  }
  bool counts_cut_short = false;
  if (!page_cut_short) {
    StoryCounter* counted_stories = count_stories ? &stories : nullptr;
    std::future<std::optional<MatchTotals>> beside;
    if (counting) {
      if (results.collapsed) stories.keep_copies_of(page.stories);
      if (!page.hits.empty()) {
        beside = count_beside(prepared.query, deadline, facets, counted_stories);
      }
    }
    collect(page, request, prepared.built, results);
    if (counting) {
      const std::optional<MatchTotals> totals =
          beside.valid()
              ? beside.get()
              : count_matches(db_, remote_, prepared.query, deadline, facets, counted_stories);
      counts_cut_short = !totals || !totals->every_match;
      if (totals) {
        results.estimate = totals->estimate;
        results.lower = totals->every_match ? totals->estimate : totals->lower;
        results.upper = totals->every_match ? totals->estimate : totals->upper;
      }
    }
  }
  FacetCounter& counted_facets = page_cut_short ? page_spies->facets : facets;
  StoryCounter& counted_stories = page_cut_short ? page_spies->stories : stories;
  results.facets = counted_facets.facets();
  if (count_stories) {
    counted_stories.finish();
    add_stories(counted_stories, request, prepared.query, !timed_out && !counts_cut_short, results);
  }
  results.partial = timed_out || counts_cut_short || prepared.built.too_long;
  if (timed_out || counts_cut_short) {
    note_time_limit(deadline, timed_out, prepared.built.cut_short, results);
  }
  if (!results.partial) {
    results.suggestion =
        SpellingSuggester(db_, analyzer_, languages_).suggest(results.query, prepared.built.words);
  }
  results.took_ms = ms_since(start);
  return results;
}

}  // namespace dateline
