#include "search/expansion.h"

#include "index/schema.h"

namespace dateline {

bool StemmedWordsOnly::operator()(const std::string& term) const {
  return schema::is_word_stem_term(term);
}

Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                            const FeedbackSettings& settings) {
  const Xapian::MSet top = enquire.get_mset(0, settings.documents);
  if (top.empty()) return query;
  Xapian::RSet relevant;
  for (auto it = top.begin(); it != top.end(); ++it) relevant.add_document(*it);
  const StemmedWordsOnly decider;
  const Xapian::ESet words = enquire.get_eset(settings.terms, relevant, &decider);
  if (words.empty()) return query;
  // Each word weighted by its expand weight relative to the strongest.
  const double strongest = words.begin().get_weight();
  std::vector<Xapian::Query> weighted;
  for (auto it = words.begin(); it != words.end(); ++it) {
    weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                          strongest > 0 ? it.get_weight() / strongest : 1.0);
  }
  const Xapian::Query feedback(
      Xapian::Query::OP_SCALE_WEIGHT,
      Xapian::Query(Xapian::Query::OP_OR, weighted.begin(), weighted.end()), settings.weight);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, feedback);
}

std::optional<Xapian::Query> more_like_this(const Xapian::Database& db, const std::string& id) {
  const std::string term = schema::id_term(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  Xapian::RSet rset;
  rset.add_document(*it);
  Xapian::Enquire expand(db);
  expand.set_query(Xapian::Query(term));
  const StemmedWordsOnly decider;
  const Xapian::ESet eset = expand.get_eset(40, rset, &decider);
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, eset.begin(), eset.end()),
                       Xapian::Query(term));
}

}  // namespace dateline
