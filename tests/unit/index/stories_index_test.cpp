// Stories when indexing: copies share a story id stored with them, incrementally across runs,
// through updates and deletes, and the same with shards and threads as with one database.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "dateline/index.h"
#include "index/schema.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;

namespace {

// Every article's story, by id.
std::map<std::string, std::string> stories_of(const std::filesystem::path& db_path) {
  Xapian::Database db(db_path.string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    out[doc.get_value(schema::kIdSlot)] = doc.get_value(schema::kStorySlot);
  }
  return out;
}

void index_all(const std::filesystem::path& db, const std::vector<Article>& articles,
               IndexOptions options = {}) {
  Index index(db.string(), options);
  for (const Article& a : articles) index.add(a);
  index.commit();
}

const std::string kLead =
    "HAMBURG, May 4 - Nordhafen Shipping said on Tuesday it would buy the container line "
    "Baltic Feeder for 412 million euros in cash, its third purchase in two years.";
const std::string kRest =
    "The company said the deal, approved by both boards, would add 38 vessels to its fleet and "
    "give it a larger share of the trade between the North Sea and Finnish ports.\n\n"
    "Chief executive Ingrid Vahl told reporters that the price was fair given the rise in "
    "freight rates and that no jobs would be cut at either company before 2026.";
const std::string kOther =
    "OSLO, May 4 - Fjordline Ferries said on Tuesday that it had ordered two new ships from a "
    "yard in Poland for 190 million euros, to be delivered in 2027 and 2028.\n\n"
    "The ferries will carry 1,800 passengers each between Bergen and Hirtshals and run on "
    "liquefied natural gas, the company said, adding that financing had been arranged.";

Article article(std::string id, std::string title, std::string body, std::string date) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.date = std::move(date);
  a.lang = "en";
  return a;
}

}  // namespace

TEST_CASE("stories: copies share one story, other stories and short briefs stand alone",
          "[stories]") {
  TempDir dir;
  index_all(
      dir / "db",
      {article("wire", "Nordhafen to buy Baltic Feeder", kLead + "\n\n" + kRest, "2024-05-04"),
       article("copy", "Nordhafen buys rival for 412 mln euros", kLead + "\n\n" + kRest,
               "2024-05-05"),
       article("trim", "Nordhafen deal", kLead + "\n\nMore follows.", "2024-05-04"),
       article("other", "Fjordline orders ferries", kOther, "2024-05-04"),
       article("brief", "Nordhafen", "Nordhafen Shipping buys Baltic Feeder.", "2024-05-04"),
       article("brief2", "Nordhafen", "Nordhafen Shipping buys Baltic Feeder.", "2024-05-04"),
       article("late", "Nordhafen, a year on", kLead + "\n\n" + kRest, "2024-06-04")});
  const auto s = stories_of(dir / "db");
  CHECK(s.at("copy") == s.at("wire"));
  CHECK(s.at("other") != s.at("wire"));
  CHECK(s.at("trim") != s.at("wire"));  // a lead alone is too short to judge
  CHECK(s.at("brief") != s.at("brief2"));
  CHECK(s.at("late") != s.at("wire"));  // beyond the window of 3 days
  CHECK(s.at("wire").size() == 16);
}

TEST_CASE("stories: a later run's copy joins a stored story, which outlives its first article",
          "[stories]") {
  TempDir dir;
  const std::string body = kLead + "\n\n" + kRest;
  index_all(dir / "db", {article("wire", "Nordhafen to buy", body, "2024-05-04")});
  index_all(dir / "db", {article("copy", "Nordhafen buys", body, "2024-05-04")});
  const std::string story = stories_of(dir / "db").at("wire");
  CHECK(stories_of(dir / "db").at("copy") == story);
  {
    Index index((dir / "db").string());
    index.remove("wire");
    index.commit();
  }
  index_all(dir / "db", {article("third", "Nordhafen deal done", body, "2024-05-06")});
  auto s = stories_of(dir / "db");
  CHECK(s.count("wire") == 0);
  CHECK(s.at("copy") == story);
  CHECK(s.at("third") == story);
  // An update that makes an article another story moves it out; the others stay together.
  index_all(dir / "db", {article("copy", "Fjordline", kOther, "2024-05-04")});
  s = stories_of(dir / "db");
  CHECK(s.at("copy") != story);
  CHECK(s.at("third") == story);
  // A deleted article's id written anew with other text does not take its old story back.
  index_all(dir / "db", {article("wire", "Fjordline ferries", kOther + "\n\nAlso.", "2024-09-04")});
  CHECK(stories_of(dir / "db").at("wire") != story);
}

TEST_CASE("stories: a later run finds stored copies at both edges of the window, and undated ones",
          "[stories]") {
  // The shards are searched only for an article whose window meets the stored articles' days
  // (or, undated, when undated ones are stored): these copies lie exactly at those edges.
  const std::string body = kLead + "\n\n" + kRest;
  for (const std::string date : {"2024-05-07", "2024-05-13"}) {
    TempDir dir;
    index_all(dir / "db", {article("mid", "Nordhafen to buy", body, "2024-05-10"),
                           article("loose", "Nordhafen", body, "")});
    index_all(dir / "db", {article("edge", "Nordhafen buys", body, date),
                           article("undated", "Nordhafen buys rival", body, "")});
    const auto s = stories_of(dir / "db");
    CHECK(s.at("edge") == s.at("mid"));
    CHECK(s.at("undated") == s.at("loose"));
    CHECK(s.at("loose") != s.at("mid"));
  }
}

TEST_CASE("stories: 3 shards written by 2 threads give the stories of one database", "[stories]") {
  TempDir dir;
  const std::vector<Article> articles = test::story_pair_articles();
  index_all(dir / "one", articles);
  IndexOptions sharded;
  sharded.shards = 3;
  sharded.threads = 2;
  sharded.commit_bytes = 64 << 10;  // many commits under the story lookups
  index_all(dir / "three", articles, sharded);
  const auto one = stories_of(dir / "one");
  CHECK(one.size() == articles.size());
  CHECK(stories_of(dir / "three") == one);
  std::set<std::string> distinct;
  for (const auto& [id, story] : one) distinct.insert(story);
  // The pairs hold 187 pairs of copies (some articles in several pairs): far fewer stories
  // than articles, but not one story for all.
  CHECK(distinct.size() < articles.size() - 100);
  CHECK(distinct.size() > articles.size() / 2);
}

TEST_CASE("stories: two runs into 3 shards give the stories of one run into one database",
          "[stories]") {
  // The pairs' first articles in the first run, their copies in the second, which finds them
  // by loading their days from the 3 shards.
  TempDir dir;
  std::vector<Article> first, second;
  for (const Article& a : test::story_pair_articles()) {
    (first.size() <= second.size() ? first : second).push_back(a);
  }
  std::vector<Article> both = first;
  both.insert(both.end(), second.begin(), second.end());
  index_all(dir / "one", both);
  IndexOptions sharded;
  sharded.shards = 3;
  sharded.threads = 2;
  index_all(dir / "three", first, sharded);
  index_all(dir / "three", second, sharded);
  const auto one = stories_of(dir / "one");
  CHECK(stories_of(dir / "three") == one);
  std::set<std::string> distinct;
  for (const auto& [id, story] : one) distinct.insert(story);
  CHECK(distinct.size() < both.size() - 100);
}

TEST_CASE("stories: the labelled copies share a story, and the labelled others do not",
          "[stories]") {
  TempDir dir;
  index_all(dir / "db", test::story_pair_articles());
  const auto s = stories_of(dir / "db");
  std::ifstream in(DATELINE_SOURCE_DIR "/tests/data/stories/pairs.jsonl");
  std::size_t copies = 0, together = 0, others = 0, apart = 0;
  for (std::string line; std::getline(in, line);) {
    const auto pair = nlohmann::json::parse(line);
    const bool same = s.at(pair["a"]["id"]) == s.at(pair["b"]["id"]);
    if (pair["duplicate"]) {
      ++copies;
      together += same;
    } else {
      ++others;
      apart += !same;
    }
  }
  // The signature alone scores 0.95 recall on these pairs; the window and the order of
  // joining may cost a few more.
  CHECK(together >= copies * 9 / 10);
  CHECK(apart >= others * 95 / 100);
}

TEST_CASE("stories: each article's story card holds its story, date, id and source", "[stories]") {
  TempDir dir;
  Article wire = article("wire", "Nordhafen to buy Baltic Feeder", kLead + "\n\n" + kRest,
                         "2024-05-04T06:00:00Z");
  wire.source = "Reuters";
  Article odd =
      article(std::string("odd\x1fid\x01", 8), "Nordhafen buys rival", kLead + "\n\n" + kRest, "");
  odd.source = "Wire \x1f Service";
  Article bare = article("bare", "Fjordline orders ferries", kOther, "2024-05-05");
  index_all(dir / "db", {wire, odd, bare});

  Xapian::Database db((dir / "db").string());
  REQUIRE(db.get_doccount() == 3);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const std::string value = doc.get_value(schema::kStoryCardSlot);
    const auto card = schema::parse_story_card(value);
    REQUIRE(card);
    CHECK(card->story == doc.get_value(schema::kStorySlot));
    CHECK(card->date == doc.get_value(schema::kDateSlot));
    CHECK(card->id == doc.get_value(schema::kIdSlot));
    CHECK(card->source == doc.get_value(schema::kSourceSlot));
  }
  // Not a card: truncated inside a field, or no story.
  const std::string card = schema::story_card_value("0123456789abcdef", "d", "id", "src");
  CHECK(schema::parse_story_card(std::string_view(card).substr(0, 5)) == std::nullopt);
  CHECK(schema::parse_story_card("") == std::nullopt);
  CHECK(schema::parse_story_card(card)->source == "src");
}

TEST_CASE("stories: an id given again, and a removal, give one database's stories with threads",
          "[stories]") {
  // The writers of 3 shards run on 2 threads while the stories are given in input order.
  const std::string copy_body = kLead + "\n\n" + kRest;
  std::vector<std::pair<char, Article>> steps;  // 'a': add, 'r': remove
  const auto add = [&](Article a) { steps.emplace_back('a', std::move(a)); };
  // Many articles first, so that the workers are busy when the steps below come.
  for (const Article& a : test::story_pair_articles()) add(a);
  add(article("first", "Nordhafen buys Baltic Feeder", copy_body, "2024-05-04"));
  add(article("second", "Nordhafen to buy feeder line", copy_body, "2024-05-04"));
  add(article("first", "Nordhafen buys Baltic Feeder", copy_body, "2024-05-04"));  // unchanged
  add(article("other", "Fjordline orders ferries", kOther, "2024-05-04"));
  add(article("first", "Fjordline orders two ships", kOther, "2024-05-04"));  // now the other
  steps.emplace_back('r', article("second", "", "", ""));
  add(article("third", "Nordhafen deal", copy_body, "2024-05-05"));  // no copy left to join
  add(article("fourth", "Nordhafen deal agreed", copy_body, "2024-05-05"));
  const auto run = [&](const std::filesystem::path& db, IndexOptions options) {
    Index index(db.string(), options);
    for (const auto& [what, a] : steps) {
      if (what == 'a') {
        index.add(a);
      } else {
        index.remove(a.id);
      }
    }
    index.commit();
    return index.counts();
  };
  TempDir dir;
  const IndexCounts one_counts = run(dir / "one", IndexOptions{});
  IndexOptions sharded;
  sharded.shards = 3;
  sharded.threads = 2;
  const IndexCounts three_counts = run(dir / "three", sharded);
  CHECK(three_counts.added == one_counts.added);
  CHECK(three_counts.updated == one_counts.updated);
  CHECK(three_counts.unchanged == one_counts.unchanged);
  CHECK(three_counts.deleted == one_counts.deleted);
  CHECK(one_counts.deleted == 1);
  const auto one = stories_of(dir / "one");
  CHECK(stories_of(dir / "three") == one);
  REQUIRE(one.size() == test::story_pair_articles().size() + 4);  // and first, other, third, fourth
  CHECK(one.at("first") == one.at("other"));
  CHECK(one.at("third") == one.at("fourth"));
  CHECK(one.at("third") != one.at("first"));
}
