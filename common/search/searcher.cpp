#include "dateline/search.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "ingest/article_rules.h"
#include "index/database_meta.h"
#include "dateline/errors.h"
#include "index/document_builder.h"
#include "search/expansion.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "index/schema.h"
#include "search/snippet.h"
#include "index/stored_article.h"
#include "util/utf8.h"

namespace dateline {
namespace {

// BM25 parameters. Measured with nDCG@10 on the judged collections (cacm, cranfield, med;
// see docs/relevance.md): Xapian's defaults (k1 1, b 0.5) gave 0.4951 / 0.3580 / 0.6809;
// these give 0.5037 / 0.3634 / 0.6937, better on all three, so not fitted to one.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;

Xapian::valueno facet_slot(FacetField field) {
  switch (field) {
    case FacetField::kSource:
      return schema::kSourceSlot;
    case FacetField::kLang:
      return schema::kLangSlot;
    case FacetField::kYear:
      return schema::kYearSlot;
    case FacetField::kTag:
      return schema::kTagsSlot;
  }
  return schema::kSourceSlot;
}

std::vector<FacetValue> sorted_values(std::vector<FacetValue> values) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return values;
}

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

// A facet's values and counts from its match spy, most frequent first.
Facet count_facet(FacetField field, const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, std::uint64_t> counts;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    if (field != FacetField::kTag) {
      counts[*v] += v.get_termfreq();
      continue;
    }
    // A document's tags are one value; counting each combination's tags is exact, as every
    // document has exactly one combination.
    const std::string tags = *v;
    for (std::size_t from = 0; from < tags.size();) {
      std::size_t to = tags.find(schema::kListSeparator, from);
      if (to == std::string::npos) to = tags.size();
      counts[tags.substr(from, to - from)] += v.get_termfreq();
      from = to + 1;
    }
  }
  Facet facet{field, {}};
  for (const auto& [value, count] : counts) facet.values.push_back({value, count});
  facet.values = sorted_values(std::move(facet.values));
  return facet;
}

}  // namespace

std::optional<SortOrder> parse_sort_order(std::string_view name) {
  if (name == "relevance") return SortOrder::kRelevance;
  if (name == "date") return SortOrder::kNewest;
  if (name == "-date") return SortOrder::kOldest;
  return std::nullopt;
}

std::optional<Feedback> parse_feedback(std::string_view name) {
  if (name == "auto") return Feedback::kAuto;
  if (name == "always") return Feedback::kAlways;
  if (name == "never") return Feedback::kNever;
  return std::nullopt;
}

std::optional<FacetField> parse_facet_field(std::string_view name) {
  if (name == "source") return FacetField::kSource;
  if (name == "lang") return FacetField::kLang;
  if (name == "tag") return FacetField::kTag;
  if (name == "year") return FacetField::kYear;
  return std::nullopt;
}

std::string facet_name(FacetField field) {
  switch (field) {
    case FacetField::kSource:
      return "source";
    case FacetField::kLang:
      return "lang";
    case FacetField::kTag:
      return "tag";
    case FacetField::kYear:
      return "year";
  }
  return {};
}

// The Xapian side of a Searcher, kept out of the public header.
struct Searcher::Impl {
  explicit Impl(const std::string& path);

  SearchResults search(const SearchRequest& request);
  std::optional<Article> article(const std::string& id);

  // Moves to the database's latest commit (cheap when there is none newer).
  void refresh();
  void read_languages();
  SearchResults run(const SearchRequest& request);
  bool is_known(const std::string& word);
  std::optional<std::string> suggest(const std::string& query_text,
                                     const std::vector<std::string>& words);
  std::optional<Xapian::Query> like_query(const std::string& id);

  std::string path_;
  Xapian::Database db_;
  Analyzer analyzer_;
  std::vector<std::string> languages_;  // languages present in the database
};

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) { return impl_->search(request); }

std::optional<Article> Searcher::article(const std::string& id) { return impl_->article(id); }

const std::string& Searcher::path() const { return impl_->path_; }

std::uint64_t Searcher::document_count() {
  try {
    impl_->refresh();
    return impl_->db_.get_doccount();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->path_ + ": cannot read the database: " + e.get_description());
  }
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
}

Searcher::Impl::Impl(const std::string& path) : path_(path) {
  try {
    db_ = Xapian::Database(path);
    check_schema(db_, path);
    read_languages();
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw DatabaseError(path + ": no database here (create one with indexer --db " + path + ")");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open the database: " + e.get_description());
  }
}

std::optional<Article> Searcher::Impl::article(const std::string& id) {
  try {
    refresh();
    const std::string term = id_term(id);
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return from_stored(db_.get_document(*it).get_data());
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": cannot read article " + id + ": " + e.get_description());
  }
}

SearchResults Searcher::Impl::search(const SearchRequest& request) {
  // Each search sees the latest commit. Xapian keeps the revision a reader is on until the
  // writer's second commit after it; a search overtaken by two commits throws
  // DatabaseModifiedError and is run again on the newest revision, a few times at most.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      refresh();
      return run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts) {
        throw DatabaseError(path_ + ": search failed: the database changed " +
                            std::to_string(kAttempts) + " times during it");
      }
    } catch (const Xapian::Error& e) {
      throw DatabaseError(path_ + ": search failed: " + e.get_description());
    }
  }
}

// "Did you mean": the query with each word the database has in no form replaced by the
// closest word it has. Words are found in the folded query; the replacement goes at the same
// place in the query as typed when folding kept every byte in place (case only), else in the
// folded query.
std::optional<std::string> Searcher::Impl::suggest(const std::string& query_text,
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

// Articles like the one with `id`: its most telling stemmed words, the article itself left out.
std::optional<Xapian::Query> Searcher::Impl::like_query(const std::string& id) {
  const std::string term = id_term(id);
  auto it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  Xapian::RSet rset;
  rset.add_document(*it);
  Xapian::Enquire expand(db_);
  expand.set_query(Xapian::Query(term));
  const StemmedWordsOnly decider;
  const Xapian::ESet eset = expand.get_eset(40, rset, &decider);
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, eset.begin(), eset.end()),
                       Xapian::Query(term));
}

// Whether the database has `word` (folded) as written or any of its stems: only a word it has
// in no form is taken for a misspelling.
bool Searcher::Impl::is_known(const std::string& word) {
  if (db_.term_exists(word)) return true;
  for (const Token& token : analyzer_.tokenize(word)) {
    for (const std::string& lang : languages_) {
      const std::string stem = analyzer_.stem(lang, token);
      if (!stem.empty() && db_.term_exists(std::string(schema::kStemPrefix) + stem)) return true;
    }
  }
  return false;
}

SearchResults Searcher::Impl::run(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  SearchResults results;

  const bool valid_utf8 = utf8::is_valid(request.query);
  const std::string query_text = valid_utf8 ? request.query : utf8::repair(request.query);
  if (!valid_utf8) results.note = "invalid UTF-8 in the query replaced with U+FFFD";
  results.query = query_text;
  const ParsedQuery parsed = parse_query(query_text);
  if (!parsed.error.empty()) {
    if (!results.note.empty()) results.note += "; ";
    results.note += parsed.error + "; searched as plain words";
  }
  const std::string lang = normalise_lang(request.lang);
  QueryBuilder builder(analyzer_, lang.empty() ? languages_ : std::vector<std::string>{lang}, &db_);
  BuiltQuery built;
  if (parsed.root) built = builder.build(*parsed.root);

  Xapian::Query query = parsed.root ? built.query : Xapian::Query::MatchNothing;
  if (!request.like_id.empty()) {
    const auto like = like_query(request.like_id);
    if (!like) results.note = "no article with id " + request.like_id;
    query = !like         ? Xapian::Query::MatchNothing
            : parsed.root ? Xapian::Query(Xapian::Query::OP_FILTER, *like, query)
                          : *like;
  }

  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5));
  if (request.time_limit_ms > 0) enquire.set_time_limit(request.time_limit_ms / 1000.0);
  const bool natural_language =
      parsed.root && request.like_id.empty() && plain_word_count(*parsed.root) >= kFeedbackMinWords;
  if (request.sort == SortOrder::kRelevance &&
      (request.feedback == Feedback::kAlways ||
       (request.feedback == Feedback::kAuto && natural_language))) {
    query = with_feedback(enquire, query);
    enquire.set_query(query);
    results.feedback = true;
  }
  Xapian::MultiValueKeyMaker by_date;
  set_order(enquire, request.sort, by_date);
  // Xapian's own ValueCountMatchSpy, so that facets work on remote shards too.
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (FacetField field : request.facets) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(field)));
    enquire.add_matchspy(spies.back().get());
  }
  // Facet counts must cover every match, so ask Xapian to look at all of them.
  const Xapian::doccount check_at_least = request.facets.empty() ? 0 : db_.get_doccount();
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
  results.estimate = mset.get_matches_estimated();
  results.lower = mset.get_matches_lower_bound();
  results.upper = mset.get_matches_upper_bound();

  SnippetMaker snippets(analyzer_, built.highlight);
  std::uint32_t rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchHit hit;
    hit.rank = ++rank;
    hit.score = it.get_weight();
    hit.article = from_stored(it.get_document().get_data());
    if (request.snippet_chars > 0) {
      hit.snippet = snippets.passage(hit.article.body, hit.article.lang, request.snippet_chars);
    }
    hit.title_highlights = snippets.highlight_all(hit.article.title, hit.article.lang);
    results.hits.push_back(std::move(hit));
  }

  for (std::size_t i = 0; i < request.facets.size(); ++i) {
    results.facets.push_back(count_facet(request.facets[i], *spies[i]));
  }
  results.suggestion = suggest(query_text, built.words);
  results.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return results;
}

}  // namespace dateline
