#include "search/expansion.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "index/schema.h"

namespace dateline {

bool StemmedWordsOnly::operator()(const std::string& term) const {
  return schema::is_word_stem_term(term);
}

std::vector<std::pair<std::string, double>> expand_set(const Xapian::Database& db,
                                                       const std::vector<Xapian::docid>& relevant,
                                                       std::size_t count) {
  struct Word {
    double multiplier = 0;  // sum of its normalised wdf over the relevant articles
    Xapian::doccount in_relevant = 0;
  };
  std::map<std::string, Word> words;
  const double average_length = db.get_avlength();
  const StemmedWordsOnly stemmed;
  for (const Xapian::docid docid : relevant) {  // in rank order, so sums are the same everywhere
    const double length = static_cast<double>(db.get_doclength(docid));
    for (auto t = db.termlist_begin(docid); t != db.termlist_end(docid); ++t) {
      if (!stemmed(*t)) continue;
      const double wdf = t.get_wdf();
      Word& word = words[*t];
      word.multiplier += 2 * wdf / (length / std::max(average_length, 1.0) + wdf);
      ++word.in_relevant;
    }
  }
  const double N = db.get_doccount(), R = static_cast<double>(relevant.size());
  std::vector<std::pair<std::string, double>> weighted;
  for (const auto& [term, word] : words) {
    const double n = db.get_termfreq(term), r = word.in_relevant;
    const double odds = ((r + 0.5) * (N - n - (R - r) + 0.5)) / ((n - r + 0.5) * (R - r + 0.5));
    const double weight = word.multiplier * std::log(odds);
    if (weight > 0) weighted.emplace_back(term, weight);
  }
  const auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t keep = std::min(count, weighted.size());
  std::partial_sort(weighted.begin(), weighted.begin() + static_cast<std::ptrdiff_t>(keep),
                    weighted.end(), better);
  weighted.resize(keep);
  return weighted;
}

Xapian::Query with_feedback(const Xapian::Database& db, Xapian::Enquire& enquire,
                            const Xapian::Query& query, const FeedbackSettings& settings) {
  const Xapian::MSet top = enquire.get_mset(0, settings.documents);
  if (top.empty()) return query;
  std::vector<Xapian::docid> relevant;
  for (auto it = top.begin(); it != top.end(); ++it) relevant.push_back(*it);
  const auto words = expand_set(db, relevant, settings.terms);
  if (words.empty()) return query;
  // Each word weighted by its expand weight relative to the strongest.
  const double strongest = words.front().second;
  std::vector<Xapian::Query> weighted;
  for (const auto& [term, weight] : words) {
    weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight / strongest);
  }
  const Xapian::Query feedback(
      Xapian::Query::OP_SCALE_WEIGHT,
      Xapian::Query(Xapian::Query::OP_OR, weighted.begin(), weighted.end()), settings.weight);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, feedback);
}

std::optional<Xapian::Query> more_like_this(const Xapian::Database& db, const std::string& id) {
  const auto docid = schema::docid_of(db, id);
  if (!docid) return std::nullopt;
  std::vector<Xapian::Query> words;
  for (const auto& [word, weight] : expand_set(db, {*docid}, 40)) words.emplace_back(word);
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()),
                       Xapian::Query(schema::id_term(id)));
}

}  // namespace dateline
