// CommittedStories: articles found by band key, newest first, until removed or dropped.
#include "index/committed_stories.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "support/test_support.h"

using namespace dateline;

namespace {

// The ids of the articles under `key`, as visited (newest first), taking at most `limit`.
std::vector<std::string> ids_with_key(const CommittedStories& table, std::uint32_t key,
                                      std::size_t limit = 100) {
  std::vector<std::string> out;
  table.for_each_with_key(key, limit, [&](std::uint32_t index) {
    out.emplace_back(table.article(index).id);
    return true;
  });
  return out;
}

}  // namespace

TEST_CASE("committed stories: found by every band key, newest first, until removed or dropped",
          "[stories]") {
  Analyzer analyzer;
  NearDuplicateSigner signer;
  const std::vector<Article> articles = test::corpus_news_articles();
  REQUIRE_FALSE(articles.empty());
  const Signature signature = signer.sign(analyzer, "", articles.front().body);
  REQUIRE(signature.judgeable());
  const std::vector<std::uint32_t> keys = NearDuplicateSigner::band_keys_of(signature);

  CommittedStories table;
  table.add("a", 10, 0xa, signature);
  table.add("b", 11, 0xb, signature);
  table.add("c", 12, 0xc, signature);
  CHECK(ids_with_key(table, keys[0]).empty());  // not indexed before rebuild()
  table.rebuild([](int) { return false; });
  CHECK(table.size() == 3);
  for (std::uint32_t key : keys)
    CHECK(ids_with_key(table, key) == std::vector<std::string>{"c", "b", "a"});
  CHECK(ids_with_key(table, keys[0], 2) == std::vector<std::string>{"c", "b"});
  CHECK(ids_with_key(table, keys[0] ^ 1).empty());

  const CommittedStories::Article b = table.article(1);
  CHECK(b.id == "b");
  CHECK(b.day == 11);
  CHECK(b.story == 0xb);
  CHECK(table.signature(1) == signature);

  table.remove("b");
  CHECK_FALSE(table.contains("b"));
  CHECK(table.contains("a"));
  CHECK(ids_with_key(table, keys[3]) == std::vector<std::string>{"c", "a"});
  // Written again: the new one is live, found both by id and by key.
  table.add("b", 13, 0xd, signature);
  CHECK(table.contains("b"));
  table.rebuild([](int day) { return day == 10; });
  CHECK(table.size() == 2);
  CHECK_FALSE(table.contains("a"));
  CHECK(ids_with_key(table, keys[5]) == std::vector<std::string>{"b", "c"});
  CHECK(table.days() == std::vector<int>{12, 13});
}
