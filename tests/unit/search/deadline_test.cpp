// The time limit's match spy: the best documents it keeps are the ones the answer would show,
// in its order, over several shards too (where a spy sees each shard's own docids).
#include "search/deadline.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "index/schema.h"
#include "support/test_support.h"

using namespace dateline;

namespace {

// The most frequent unprefixed term of `db`: many matches, of many weights.
std::string frequent_term(const Xapian::Database& db) {
  std::string best;
  Xapian::doccount best_freq = 0;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string term = *it;
    if (term.empty() || !std::islower(static_cast<unsigned char>(term[0]))) continue;
    if (it.get_termfreq() > best_freq) {
      best = term;
      best_freq = it.get_termfreq();
    }
  }
  return best;
}

}  // namespace

TEST_CASE("the deadline spy keeps the page's documents, by id, over 1 and 3 shards", "[time]") {
  test::TempDir dir;
  const std::vector<Article> articles = test::corpus_news_articles();
  for (std::size_t shards : {1, 3}) {
    INFO(shards << " shard(s)");
    const std::string path = (dir / std::to_string(shards)).string();
    {
      IndexOptions options;
      options.shards = shards;
      Index index(path, options);
      for (const Article& a : articles) index.add(a);
      index.commit();
    }
    Xapian::Database db(path);
    const std::string term = frequent_term(db);
    REQUIRE(db.get_termfreq(term) > 20);

    const Deadline never;
    DeadlineSpy spy(never, 10);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, /*reverse=*/false);
    enquire.add_matchspy(&spy);
    const Xapian::MSet page = enquire.get_mset(0, 10, db.get_doccount());  // the spy sees all

    std::vector<std::string> shown, kept;
    for (auto it = page.begin(); it != page.end(); ++it) {
      shown.push_back(it.get_document().get_value(schema::kIdSlot));
    }
    for (const DeadlineSpy::Seen& seen : spy.best()) kept.push_back(seen.id);
    REQUIRE(shown.size() == 10);
    CHECK(spy.seen() == db.get_termfreq(term));
    CHECK(kept == shown);
  }
}
