// Expand sets: the words that distinguish some articles from the rest of the database, for
// "more like this" (one article) and pseudo-relevance feedback (a query's best hits).
//
// Feedback: a query reweighted by the words that distinguish its own best hits. Long
// natural-language queries ("what similarity laws must be obeyed when constructing aeroelastic
// models of heated high speed aircraft") name their topic in a few of many words; the top hits'
// other telling words find the rest of the topic's articles. Measured on the judged collections in
// docs/relevance.md.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dateline {

struct FeedbackSettings {
  Xapian::doccount documents = 15;  // hits taken as relevant
  // Measured on the judged collections (docs/relevance.md): 30 words at 0.4 against 20 at 0.3
  // raised nDCG@10 on all three (cacm 0.5104 -> 0.5143, cranfield 0.3820 -> 0.3834, med 0.7213
  // -> 0.7215); 20 documents did better on two and worse on cranfield.
  Xapian::termcount terms = 30;  // their most telling stemmed words added
  double weight = 0.4;           // of the added words, against the query's own (1)
};

// Accepts the stemmed words of articles ("Zword"), not ids, fields or unstemmed forms: what
// feedback and "more like this" draw on.
class StemmedWordsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override;
};

// The `count` most telling stemmed words of `relevant` (docids of `db`), best first, each with
// its expand weight: Robertson's relevance weight of the word times its wdf over the relevant
// articles, BM25-normalised by their lengths (Xapian's TradEWeight with k = 1). Computed here
// rather than by Enquire::get_eset so that every statistic is the whole database's: over
// shards Xapian weighs a word by the shards the relevant articles are in, and feedback (so
// the order of hits) would depend on how the database is sharded. Ties go by the word.
std::vector<std::pair<std::string, double>> expand_set(const Xapian::Database& db,
                                                       const std::vector<Xapian::docid>& relevant,
                                                       std::size_t count);

// `query` with the feedback words of its top `settings.documents` hits (ranked by `enquire`,
// which must hold `query`) as an AND_MAYBE: they reorder the articles `query` matches and never
// add others, so totals, facets and filters stay those of the query as typed. Returns `query`
// unchanged when it matches nothing.
Xapian::Query with_feedback(const Xapian::Database& db, Xapian::Enquire& enquire,
                            const Xapian::Query& query, const FeedbackSettings& settings = {});

// Articles like the one with id `id`: its 40 most telling stemmed words ORed, the article itself
// left out. Nothing when there is no article with that id.
std::optional<Xapian::Query> more_like_this(const Xapian::Database& db, const std::string& id);

}  // namespace dateline
