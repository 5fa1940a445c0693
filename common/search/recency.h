// Recency: relevance blended with age. A Xapian ValueMapPostingSource over kDaySlot (one weight
// per day of the database, 2^(-age / half-life)) added to the query with OP_AND_MAYBE, so that
// it changes only the order, never which articles match. A built-in posting source: Xapian
// sends it to remote shards (xapian-tcpsrv) as it does its own, no registration needed.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

namespace dateline {

struct Recency {
  double half_life_days = 0;
  std::string now_day;  // "YYYY-MM-DD": age 0; later days count as age 0 too
  // The recency weight of an article of age 0, in the units of the query's own weights: the
  // top relevance score of the query alone, so that a brand-new article gains as much as the
  // best match has.
  double scale = 1;
};

// The newest day of any article of `db` ("" when none is dated).
std::string newest_day(const Xapian::Database& db);

// `query` with the recency of `recency` added. The posting source is owned by the query.
Xapian::Query with_recency(const Xapian::Database& db, const Xapian::Query& query,
                           const Recency& recency);

}  // namespace dateline
