#include "search/expansion.h"

#include <cctype>

#include "index/schema.h"

namespace dateline {

bool StemmedWordsOnly::operator()(const std::string& term) const {
  return term.size() > 3 && term[0] == schema::kStemPrefix[0] &&
         !std::isupper(static_cast<unsigned char>(term[1]));
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

}  // namespace dateline
