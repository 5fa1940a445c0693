#include "search/facets.h"

#include <algorithm>
#include <map>

#include "index/schema.h"

namespace dateline {
namespace {

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
  std::sort(facet.values.begin(), facet.values.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return facet;
}

}  // namespace

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

FacetCounter::FacetCounter(const std::vector<FacetField>& fields) : fields_(fields) {
  for (FacetField field : fields_) {
    spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(field)));
  }
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
}

std::vector<Facet> FacetCounter::facets() const {
  std::vector<Facet> out;
  for (std::size_t i = 0; i < fields_.size(); ++i)
    out.push_back(count_facet(fields_[i], *spies_[i]));
  return out;
}

}  // namespace dateline
