// Facets: how many matching articles have each value of a field, over every match (not only
// the page shown). Counted by Xapian's own ValueCountMatchSpy, so they work on remote shards.
#pragma once

#include <xapian.h>

#include <memory>
#include <vector>

#include "dateline/search.h"

namespace dateline {

// The value slot a facet counts.
Xapian::valueno facet_slot(FacetField field);

// Counts the facets of one search. Not thread-safe; lives as long as the Enquire it is
// attached to.
class FacetCounter {
 public:
  explicit FacetCounter(const std::vector<FacetField>& fields);

  // Adds the spies to `enquire`; they count while it matches.
  void attach(Xapian::Enquire& enquire);
  bool empty() const { return spies_.empty(); }
  // One Facet per field, in the order given, values most frequent first (ties by value).
  std::vector<Facet> facets() const;

 private:
  std::vector<FacetField> fields_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

}  // namespace dateline
