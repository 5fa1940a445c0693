// StoryAssigner across batches and runs: the articles of earlier batches stay candidates from
// memory (no read of the shards); those of earlier runs, and those the memory budget forgot,
// are loaded from the shards by day when a window reaches them and give the stories memory
// would have; and articles stop being candidates when deleted, rewritten or dropped.
#include "index/story_assigner.h"

#include <catch2/catch.hpp>
#include <string>

#include "analysis/analyzer.h"
#include "index/shard_writer.h"
#include "support/test_support.h"
#include "util/date.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

const std::string kShipping =
    "HAMBURG, May 4 - Nordhafen Shipping said on Tuesday it would buy the container line "
    "Baltic Feeder for 412 million euros in cash, its third purchase in two years.\n\n"
    "The company said the deal, approved by both boards, would add 38 vessels to its fleet and "
    "give it a larger share of the trade between the North Sea and Finnish ports.\n\n"
    "Chief executive Ingrid Vahl told reporters that the price was fair given the rise in "
    "freight rates and that no jobs would be cut at either company before 2026.";
const std::string kFerries =
    "OSLO, May 4 - Fjordline Ferries said on Tuesday that it had ordered two new ships from a "
    "yard in Poland for 190 million euros, to be delivered in 2027 and 2028.\n\n"
    "The ferries will carry 1,800 passengers each between Bergen and Hirtshals and run on "
    "liquefied natural gas, the company said, adding that financing had been arranged.\n\n"
    "Shares in the company rose 3.4 percent in early trading in Oslo after the announcement.";

// A wire copy: a byline added, the headline changed by the caller.
std::string copy_of(const std::string& body) { return "By Staff Reporters\n\n" + body; }

// One shard and its assigner, written to as ShardedWriter does: a run of the indexer.
struct Shard {
  explicit Shard(const TempDir& dir, StoryAssigner::Limits limits = {})
      : path((dir.path() / "shard").string()),
        writer(std::make_unique<ShardWriter>(path, IndexOptions{})),
        assigner(signer, StoryOptions{.window_days = 3}, limits) {
    assigner.reopen({path});
  }

  std::string write(const std::string& id, const std::string& body,
                    const std::string& date = "2024-05-04") {
    Article article;
    article.id = id;
    article.title = "Headline of " + id;
    article.body = body;
    article.date = date;
    article.lang = "en";
    const std::string hash = resolve_and_hash(article, "en");
    const auto parsed = parse_date(date);  // none: undated
    const StoryFields fields =
        assigner.assign(id, hash, parsed ? std::optional(parsed->start_instant()) : std::nullopt,
                        signer.sign(analyzer, article.title, article.body));
    writer->add(std::move(article), hash, fields);
    return fields.story;
  }
  void remove(const std::string& id) {
    assigner.remove(id);
    writer->remove(id);
  }
  // The end of a batch: the shard commits and the assigner takes a new snapshot.
  void commit_batch() {
    writer->commit();
    assigner.reopen({path});
  }

  std::string path;
  NearDuplicateSigner signer;
  Analyzer analyzer;
  std::unique_ptr<ShardWriter> writer;
  StoryAssigner assigner;
};

}  // namespace

TEST_CASE("stories: a copy of an earlier batch's article joins its story from memory",
          "[stories]") {
  TempDir dir;
  Shard shard(dir);
  const std::string shipping = shard.write("ship-1", kShipping);
  const std::string ferries = shard.write("ferry-1", kFerries);
  REQUIRE(shipping != ferries);
  shard.commit_batch();
  CHECK(shard.assigner.committed() == 2);
  CHECK(shard.assigner.pending() == 0);

  CHECK(shard.write("ship-2", copy_of(kShipping), "2024-05-05") == shipping);
  CHECK(shard.write("ferry-2", copy_of(kFerries), "2024-05-06") == ferries);
  // Nothing was stored before the run, and memory holds every day of it.
  CHECK(shard.assigner.shard_loads() == 0);
  shard.commit_batch();
  CHECK(shard.assigner.committed() == 4);
  // Out of the window of the story's first article: a story of its own.
  CHECK(shard.write("ship-3", copy_of(kShipping), "2024-05-09") != shipping);
}

TEST_CASE("stories: past the memory budget, the shards give the stories memory would have",
          "[stories]") {
  // A budget of nothing: every batch's days are forgotten at its end.
  TempDir dir;
  Shard shard(dir, {.committed_budget = 0});
  const std::string shipping = shard.write("ship-1", kShipping);
  const std::string ferries = shard.write("ferry-1", kFerries);
  shard.commit_batch();
  CHECK(shard.assigner.committed() == 0);

  // The window of 2024-05-05 reaches the forgotten 2024-05-04: loaded, and kept while the
  // window of the next article reaches it.
  CHECK(shard.write("ship-2", copy_of(kShipping), "2024-05-05") == shipping);
  CHECK(shard.assigner.shard_loads() == 1);
  CHECK(shard.assigner.committed() == 2);
  CHECK(shard.write("ferry-2", copy_of(kFerries), "2024-05-06") == ferries);
  CHECK(shard.assigner.shard_loads() == 1);
  // A day never written is not loaded: 2024-06-01 is further than the window from every day
  // forgotten.
  shard.write("ferry-3", copy_of(kFerries), "2024-06-01");
  CHECK(shard.assigner.shard_loads() == 1);
  // The end of the batch forgets every day again; the next window reaching them loads them.
  shard.commit_batch();
  CHECK(shard.assigner.committed() == 0);
  CHECK(shard.write("ship-3", copy_of(kShipping), "2024-05-06") == shipping);
  CHECK(shard.assigner.shard_loads() == 2);
}

TEST_CASE(
    "stories: an earlier batch's article deleted or rewritten is no longer a candidate, "
    "and its story keeps its other copies",
    "[stories]") {
  TempDir dir;
  Shard shard(dir);
  const std::string shipping = shard.write("ship-1", kShipping);
  shard.write("ship-2", copy_of(kShipping));
  const std::string ferries = shard.write("ferry-1", kFerries);
  shard.commit_batch();

  shard.remove("ship-1");
  shard.write("ferry-1", kShipping);  // rewritten: now a copy of the shipping story
  shard.commit_batch();
  CHECK(shard.assigner.committed() == 2);

  // The shipping story outlives its first article through ship-2 (and now ferry-1).
  CHECK(shard.write("ship-3", copy_of(kShipping)) == shipping);
  // Nothing holds the ferries' text any more.
  CHECK(shard.write("ferry-2", copy_of(kFerries)) != ferries);
  CHECK(shard.assigner.shard_loads() == 0);
}

TEST_CASE("stories: a story's days across batches, from memory until one of its copies goes",
          "[stories]") {
  TempDir dir;
  Shard shard(dir);
  const std::string shipping = shard.write("ship-1", kShipping, "2024-05-04");
  CHECK(shard.write("ship-2", copy_of(kShipping), "2024-05-07") == shipping);
  shard.commit_batch();
  // The story spans May 4 to 7: a copy of May 8 would take it past the window of 3 days. Its
  // days are known without reading the shards, as it began in this run.
  CHECK(shard.write("ship-3", copy_of(kShipping), "2024-05-08") != shipping);
  CHECK(shard.assigner.span_reads() == 0);
  shard.commit_batch();
  // Without its first copy it spans May 7 alone (read from the shards, which still hold
  // ship-1 until the batch commits): the next copy of May 8 joins it.
  shard.remove("ship-1");
  CHECK(shard.write("ship-4", copy_of(kShipping), "2024-05-08") == shipping);
  CHECK(shard.assigner.span_reads() == 1);
}

TEST_CASE(
    "stories: a dropped batch's articles are not candidates, and their days are looked "
    "up in the shards",
    "[stories]") {
  TempDir dir;
  Shard shard(dir);
  const std::string shipping = shard.write("ship-1", kShipping);
  shard.commit_batch();
  const std::string ferries = shard.write("ferry-1", kFerries);
  shard.writer->abandon();
  shard.assigner.reopen({shard.path}, StoryAssigner::Written::kDropped);
  CHECK(shard.assigner.committed() == 1);

  // ferry-1 is gone: its copy starts a story of its own (its day was loaded from the shards,
  // which hold only ship-1 of it).
  CHECK(shard.write("ferry-2", copy_of(kFerries)) != ferries);
  CHECK(shard.assigner.shard_loads() == 1);
  CHECK(shard.write("ship-2", copy_of(kShipping)) == shipping);
}

TEST_CASE("stories: a later run loads the stored articles of the days it needs", "[stories]") {
  TempDir dir;
  std::string shipping, ferries;
  {
    Shard earlier(dir);
    shipping = earlier.write("ship-1", kShipping);
    ferries = earlier.write("ferry-1", kFerries, "2024-05-20");
    earlier.writer->commit();
  }
  SECTION("loaded once, with the days near the window") {
    Shard later(dir);
    CHECK(later.write("ship-2", copy_of(kShipping), "2024-05-05") == shipping);
    CHECK(later.assigner.shard_loads() == 1);
    CHECK(later.assigner.committed() == 2);
    CHECK(later.write("ferry-2", copy_of(kFerries), "2024-05-21") == ferries);
    CHECK(later.assigner.shard_loads() == 1);
    // Loaded articles deleted or rewritten are no longer candidates.
    later.remove("ship-1");
    later.write("ship-2", kFerries);
    CHECK(later.write("ship-3", copy_of(kShipping)) != shipping);
  }
  SECTION("a day at a time, and forgotten again, when they do not fit") {
    Shard later(dir, {.committed_budget = 100});
    CHECK(later.write("ship-2", copy_of(kShipping), "2024-05-05") == shipping);
    CHECK(later.assigner.shard_loads() == 1);
    CHECK(later.assigner.committed() == 1);
    CHECK(later.write("ferry-2", copy_of(kFerries), "2024-05-21") == ferries);
    CHECK(later.assigner.shard_loads() == 2);
    CHECK(later.assigner.committed() == 1);  // 2024-05-04 was forgotten for 2024-05-20
    CHECK(later.write("ship-3", copy_of(kShipping), "2024-05-06") == shipping);
    CHECK(later.assigner.shard_loads() == 3);
  }
  SECTION("an article outside the stored days loads nothing") {
    Shard later(dir);
    CHECK(later.write("ship-2", copy_of(kShipping), "2024-07-01") != shipping);
    CHECK(later.assigner.shard_loads() == 0);
  }
  SECTION("undated ones, when an undated article comes") {
    std::string loose;
    {
      Shard earlier(dir);
      loose = earlier.write("loose-1", kFerries, "");
      earlier.writer->commit();
    }
    Shard later(dir);
    // Dated, outside the stored days: nothing loaded, and no undated story joined.
    CHECK(later.write("loose-2", copy_of(kFerries), "2024-07-01") != loose);
    CHECK(later.assigner.shard_loads() == 0);
    CHECK(later.write("loose-3", copy_of(kFerries), "") == loose);
    CHECK(later.assigner.shard_loads() == 1);
  }
  SECTION("a stored article deleted in a dropped batch is a candidate again") {
    Shard later(dir);
    later.write("ship-2", copy_of(kShipping), "2024-05-05");
    later.remove("ship-1");
    later.remove("ship-2");
    later.writer->abandon();
    later.assigner.reopen({later.path}, StoryAssigner::Written::kDropped);
    // The shards still hold ship-1: its day is loaded again, and its copy joins it.
    CHECK(later.write("ship-3", copy_of(kShipping), "2024-05-05") == shipping);
    CHECK(later.assigner.shard_loads() == 2);
  }
}
