#include "index/near_duplicates.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/story_table.h"

using namespace dateline;

namespace {

// An invented wire story: four paragraphs, about 140 words.
const std::string kLead =
    "HAMBURG, May 4 - Nordhafen Shipping said on Tuesday it would buy the container line "
    "Baltic Feeder for 412 million euros in cash, its third purchase in two years.";
const std::string kSecond =
    "The company said the deal, approved by both boards, would add 38 vessels to its fleet and "
    "give it a larger share of the trade between the North Sea and Finnish ports.";
const std::string kThird =
    "Chief executive Ingrid Vahl told reporters that the price was fair given the rise in "
    "freight rates and that no jobs would be cut at either company before 2026.";
const std::string kFourth =
    "Shares in Nordhafen rose 3.2 percent in early trading in Frankfurt, while analysts said the "
    "group could now face questions from competition authorities in Brussels.";

std::string story(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

struct Fixture {
  Analyzer analyzer;
  NearDuplicateSigner signer;
  Signature sign(const std::string& body, const std::string& title = "") {
    return signer.sign(analyzer, title, body);
  }
  double similarity(const std::string& a, const std::string& b) {
    return signer.similarity(sign(a), sign(b));
  }
};

bool share_band(const NearDuplicateSigner& signer, const Signature& a, const Signature& b) {
  const auto ka = signer.band_keys(a), kb = signer.band_keys(b);
  for (std::size_t i = 0; i < ka.size() && i < kb.size(); ++i) {
    if (ka[i] == kb[i]) return true;
  }
  return false;
}

struct LabelledPair {
  std::string a_title, a_body, b_title, b_body, kind;
  bool duplicate = false;
};

std::vector<LabelledPair> labelled_pairs() {
  std::ifstream in(DATELINE_SOURCE_DIR "/tests/data/stories/pairs.jsonl");
  REQUIRE(in);
  std::vector<LabelledPair> out;
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    out.push_back({j["a"]["title"], j["a"]["body"], j["b"]["title"], j["b"]["body"], j["kind"],
                   j["duplicate"]});
  }
  return out;
}

}  // namespace

TEST_CASE("near duplicates: rewrites of one story match, another story does not",
          "[near_duplicates]") {
  Fixture f;
  const std::string original = story({kLead, kSecond, kThird, kFourth});
  struct Case {
    const char* name;
    std::string copy;
    bool same_story;
  };
  const std::vector<Case> cases = {
      {"identical", original, true},
      {"paragraphs reordered", story({kLead, kThird, kFourth, kSecond}), true},
      {"trimmed to two paragraphs", story({kLead, kSecond}), true},
      {"byline and credit added",
       story({"By Jane Smith, staff correspondent", kLead, kSecond, kThird, kFourth,
              "(Reporting by Jane Smith; Editing by Peter Holm)"}),
       true},
      {"a sentence inserted",
       story({kLead, kSecond, "Baltic Feeder was founded in 1994 in Turku.", kThird, kFourth}),
       true},
      {"house style edits",
       story({kLead,
              "The firm said the deal, approved by both boards, will add 38 ships to its "
              "fleet and give it a larger share of the trade between the North Sea and "
              "Finnish ports.",
              kThird, kFourth}),
       true},
      {"another story on the same subject",
       story({"HAMBURG, May 6 - Baltic Feeder's largest shareholder said on Thursday it would "
              "fight Nordhafen Shipping's offer of 412 million euros, calling it far too low.",
              "The family trust, which holds 31 percent of the line, said it had not been "
              "consulted and would ask the competition authorities in Brussels to look at the "
              "deal before any vote of shareholders.",
              "Nordhafen declined to comment. Its shares fell 1.1 percent in Frankfurt."}),
       false},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const double similarity = f.similarity(original, c.copy);
    CHECK((similarity >= NearDuplicateSigner::kThreshold) == c.same_story);
  }
}

TEST_CASE("near duplicates: identical and reordered texts have the same features",
          "[near_duplicates]") {
  Fixture f;
  const Signature a = f.sign(story({kLead, kSecond, kThird, kFourth}), "Nordhafen buys line");
  // The headline is left out: it is what copies change first.
  const Signature b = f.sign(story({kLead, kFourth, kThird, kSecond}), "Another headline");
  CHECK(a == b);
  CHECK(f.signer.similarity(a, b) == 1.0);
  CHECK(f.signer.resemblance(a, b).jaccard == 1.0);
}

TEST_CASE("near duplicates: a trimmed copy has low Jaccard but full containment",
          "[near_duplicates]") {
  Fixture f;
  const Signature full = f.sign(story({kLead, kSecond, kThird, kFourth}));
  const Signature half = f.sign(story({kLead, kSecond}));
  const Resemblance r = f.signer.resemblance(full, half);
  CHECK(r.jaccard < 0.7);
  CHECK(r.containment > 0.9);
}

TEST_CASE("near duplicates: too short to judge stands alone", "[near_duplicates]") {
  Fixture f;
  const std::vector<std::string> briefs = {
      "NORDHAFEN SHIPPING BUYS BALTIC FEEDER",                                  // a headline
      "Qtly div 35 cts vs 35 cts prior. Payable March 31. Record March nine.",  // a one-liner
      "",
      "Reuter",
  };
  StoryTable table(f.signer);
  for (std::size_t i = 0; i < briefs.size(); ++i) {
    INFO(briefs[i]);
    const Signature s = f.sign(briefs[i]);
    CHECK_FALSE(s.judgeable());
    CHECK(f.signer.band_keys(s).empty());
    CHECK(f.signer.similarity(s, s) == 0);
    // Two copies of the same brief: each its own story.
    CHECK(table.add(2 * i, 100, s) == 2 * i);
    CHECK(table.add(2 * i + 1, 100, s) == 2 * i + 1);
  }
}

TEST_CASE("near duplicates: figures tell one template story from another", "[near_duplicates]") {
  Fixture f;
  auto report = [](const char* day, const char* amount, const char* rate) {
    return story({std::string("NEW YORK, March ") + day +
                      " - The Federal Reserve entered the government securities market to "
                      "arrange " +
                      amount + " dlrs of customer repurchase agreements, a Fed spokesman said.",
                  std::string("Dealers said Federal funds were trading at ") + rate +
                      " pct when the Fed began its temporary and indirect supply of reserves "
                      "to the banking system, the third such operation this month."});
  };
  const double same =
      f.similarity(report("17", "2.5 billion", "6-1/16"), report("17", "2.5 billion", "6-1/16"));
  const double other_day =
      f.similarity(report("17", "2.5 billion", "6-1/16"), report("20", "1.5 billion", "6-3/8"));
  CHECK(same == 1.0);
  CHECK(other_day < NearDuplicateSigner::kThreshold);
}

TEST_CASE("near duplicates: works on dictionary-segmented CJK text", "[near_duplicates]") {
  Fixture f;
  // Invented sentences; the analyzer gives dictionary words, which shingle like any others.
  const std::string zh1 =
      "北京市政府星期二宣布，将在明年投资三百亿元建设新的地铁线路，以缓解城市交通拥堵。";
  const std::string zh2 =
      "市政府发言人表示，新线路将连接机场和主要商业区，预计每天运送乘客一百万人次。";
  const std::string zh3 =
      "专家认为，这项计划有助于减少空气污染，但也提醒政府注意工程安全和资金管理。";
  const std::string ja1 = "東京都は火曜日、来年度から新しい図書館を三つの区に建設すると発表した。";
  const std::string ja2 =
      "担当者によると、図書館には子ども向けの学習室と高齢者のための相談窓口が設けられる。";
  const std::string ja3 =
      "都は建設費として約四十億円を見込んでおり、完成は二年後になる予定だという。";
  CHECK(f.sign(story({zh1, zh2, zh3})).judgeable());
  CHECK(f.similarity(story({zh1, zh2, zh3}), story({zh1, zh3, zh2})) == 1.0);
  CHECK(f.similarity(story({zh1, zh2, zh3}), story({zh1, zh2})) >= NearDuplicateSigner::kThreshold);
  CHECK(f.similarity(story({ja1, ja2, ja3}), story({ja1, ja2, ja3})) == 1.0);
  CHECK(f.similarity(story({ja1, ja2, ja3}), story({zh1, zh2, zh3})) == 0.0);
}

TEST_CASE("near duplicates: signatures are the same on every run and machine",
          "[near_duplicates]") {
  Fixture f;
  const Signature s = f.sign(story({kLead, kSecond, kThird, kFourth}));
  // Fixed seeds and XXH3 of the folded words: this value is stored in databases and must not
  // change (a change needs a new format version and a re-index). Last changed when one-digit
  // numbers stopped being features of their own (min_number_bytes 2), before any database
  // stored signatures (schema version 2 is the first that does).
  std::string hex;
  for (unsigned char c : s.serialize())
    hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 15];
  CHECK(hex ==
        "0108106a18b879e401633db7573f54986e940391899e9175b3013379be73df18"
        "52f11a411b2f88202e97b651990a5ceb9df8602d49d3712571552728622152eb"
        "8bc7b769863eaf6484a174186aec5e8a880fda18");
}

TEST_CASE("near duplicates: serialized signatures read back, other bytes do not",
          "[near_duplicates]") {
  Fixture f;
  const Signature s = f.sign(story({kLead, kSecond, kThird, kFourth}));
  const std::string bytes = s.serialize();
  CHECK(bytes.size() <= 5 + 2 * 16 + 48);  // header, 16 band values of 2 bytes, 48 of 1
  CHECK(Signature::parse(bytes) == s);
  const Signature brief = f.sign("Too short to judge.");
  CHECK(Signature::parse(brief.serialize()) == brief);
  for (const std::string& bad : {std::string(), std::string("\x02\x08\x10\x05", 4),
                                 std::string("\x01\x07\x10\x05", 4), bytes.substr(0, 20)}) {
    CHECK_FALSE(Signature::parse(bad));
  }
}

TEST_CASE("near duplicates: the labelled pairs reach precision 0.95 and recall 0.90",
          "[near_duplicates]") {
  Fixture f;
  int tp = 0, fp = 0, fn = 0, accepted_duplicates = 0, found = 0;
  for (const LabelledPair& pair : labelled_pairs()) {
    const Signature a = f.sign(pair.a_body, pair.a_title), b = f.sign(pair.b_body, pair.b_title);
    const bool said = f.signer.similarity(a, b) >= NearDuplicateSigner::kThreshold;
    if (said && pair.duplicate) ++tp;
    if (said && !pair.duplicate) ++fp;
    if (!said && pair.duplicate) ++fn;
    if (said && pair.duplicate) {
      ++accepted_duplicates;
      found += share_band(f.signer, a, b);
    }
  }
  const double precision = double(tp) / (tp + fp), recall = double(tp) / (tp + fn);
  INFO("true positives " << tp << ", false positives " << fp << ", false negatives " << fn);
  CHECK(precision >= 0.95);
  CHECK(recall >= 0.90);
  // The candidate step: every duplicate pair the threshold accepts shares a band key, so an
  // LSH lookup finds it.
  CHECK(found == accepted_duplicates);
}

TEST_CASE("story table: copies join the first story, within the window", "[near_duplicates]") {
  Fixture f;
  StoryTable table(f.signer, {.window_days = 3});
  const Signature original = f.sign(story({kLead, kSecond, kThird, kFourth}));
  const Signature trimmed = f.sign(story({kLead, kSecond, kThird}));
  CHECK(table.add(10, 100, original) == 10);
  CHECK(table.add(11, 101, trimmed) == 10);   // a copy the next day joins
  CHECK(table.add(12, 104, original) == 12);  // 4 days after the story began: a new story
  CHECK(table.add(13, 103, trimmed) == 10);   // the story now spans days 100-103
  // Joining story 10 would make it span 100-105 (more than 3 days); story 12 (day 104) is in
  // reach.
  CHECK(table.add(14, 105, trimmed) == 12);
  CHECK(table.story_of(11) == 10);
  CHECK(table.size() == 5);
}

TEST_CASE("story table: updates and deletes", "[near_duplicates]") {
  Fixture f;
  StoryTable table(f.signer);
  const Signature original = f.sign(story({kLead, kSecond, kThird, kFourth}));
  const Signature copy = f.sign(story({kLead, kThird, kSecond}));
  const Signature unrelated =
      f.sign(story({"Completely different text about the weather in "
                    "Lisbon, where rain fell for the ninth day running "
                    "and the river rose above its banks near the port.",
                    "Officials said schools would stay open and buses "
                    "would run on their usual routes through the week, "
                    "though some roads close to the water were shut."}));
  REQUIRE(unrelated.judgeable());
  CHECK(table.add(1, 50, original) == 1);
  CHECK(table.add(2, 50, copy) == 1);
  // Article 2 is updated to unrelated text: it leaves the story.
  CHECK(table.add(2, 50, unrelated) == 2);
  // Article 1 is deleted: a new copy finds nothing to join.
  table.erase(1);
  CHECK_FALSE(table.story_of(1));
  CHECK(table.add(3, 50, copy) == 3);
  CHECK_FALSE(table.best_match(50, f.sign("Too short.")));
}

TEST_CASE("story table: restored articles keep their stories, and old ones are forgotten",
          "[near_duplicates]") {
  Fixture f;
  StoryTable table(f.signer);
  const Signature original = f.sign(story({kLead, kSecond, kThird, kFourth}));
  table.restore(7, 200, original, 5);  // from an earlier run: article 7 of story 5
  CHECK(table.add(8, 201, original) == 5);
  table.forget_before(202);
  CHECK(table.size() == 0);
  CHECK(table.add(9, 202, original) == 9);
  CHECK(table.memory_bytes() > 0);
}
