#include "search/query_parser.h"

#include "util/date.h"

#include <catch2/catch.hpp>

using namespace dateline;

namespace {

// A compact, readable form of the tree: the expected values below are written in it.
std::string show(const QueryNode& n) {
  using Kind = QueryNode::Kind;
  static const char* kFields[] = {"", "title:", "author:", "source:", "tag:", "lang:", "id:"};
  const std::string field = kFields[static_cast<int>(n.field)];
  auto list = [&](const char* name) {
    std::string out = std::string(name) + "(";
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      if (i) out += " ";
      if (n.kind == Kind::kGroup) {
        out += n.occurs[i] == QueryNode::Occur::kMust      ? "+"
               : n.occurs[i] == QueryNode::Occur::kMustNot ? "-"
                                                           : "";
      }
      out += show(n.children[i]);
    }
    return out + ")";
  };
  switch (n.kind) {
    case Kind::kWord:
      return field + n.text;
    case Kind::kPhrase:
      return field + "\"" + n.text + "\"";
    case Kind::kPrefix:
      return field + n.text + "*";
    case Kind::kDate:
      return "date[" + (n.date_from ? date_of_instant(*n.date_from).to_string() : "") + "," +
             (n.date_to ? date_of_instant(*n.date_to).to_string() : "") + "]";
    case Kind::kAnd:
      return list("and");
    case Kind::kOr:
      return list("or");
    case Kind::kAndNot:
      return list("andnot");
    case Kind::kNear:
      return n.window ? list(("near/" + std::to_string(n.window)).c_str()) : list("near");
    case Kind::kGroup:
      return list("group");
  }
  return "?";
}

}  // namespace

TEST_CASE("queries parse into the tree their syntax says", "[query]") {
  struct Case {
    std::string query, tree;
  };
  const std::vector<Case> cases = {
      {"cocoa", "cocoa"},
      {"cocoa prices", "group(cocoa prices)"},
      {"\"cocoa prices\" brazil", "group(\"cocoa prices\" brazil)"},
      {"oil AND gas", "and(oil gas)"},
      {"oil OR gas AND coal", "or(oil and(gas coal))"},
      {"oil NOT gas", "andnot(oil gas)"},
      {"NOT gas", "group(-gas)"},
      {"+oil -gas price", "group(+oil -gas price)"},
      {"(oil OR gas) AND opec", "and(or(oil gas) opec)"},
      {"-(oil gas) coal", "group(-group(oil gas) coal)"},
      {"oil NEAR price", "near(oil price)"},
      {"export*", "export*"},
      {"title:cocoa author:smith source:reuters tag:grain",
       "group(title:cocoa author:smith source:reuters tag:grain)"},
      {"title:\"new chip\"", "title:\"new chip\""},
      {"title:chip*", "title:chip*"},
      {"lang:de id:reut-1", "group(lang:de id:reut-1)"},
      {"date:2024-01-01..2024-06-30", "date[2024-01-01T00:00:00Z,2024-06-30T23:59:59Z]"},
      {"date:2024..2025", "date[2024-01-01T00:00:00Z,2025-12-31T23:59:59Z]"},
      {"date:2024-03", "date[2024-03-01T00:00:00Z,2024-03-31T23:59:59Z]"},
      {"date:1987..", "date[1987-01-01T00:00:00Z,]"},
      {"date:..1987-03-02", "date[,1987-03-02T23:59:59Z]"},
      {"date:2024-03-01T06:00..", "date[2024-03-01T06:00:00Z,]"},
      {"date:2024-03-01T12:00+05:00..2024-03-01T22:00Z",
       "date[2024-03-01T07:00:00Z,2024-03-01T22:00:00Z]"},
      {"Title:cocoa TITLE:chip", "group(title:cocoa title:chip)"},  // names in any case
      {"tags:grain topic:oil byline:smith language:de",
       "group(tag:grain tag:oil author:smith lang:de)"},
      {"lang:EN-gb", "lang:en"},
      {"title:(oil OR gas)", "or(title:oil title:gas)"},
      {"title:(oil \"crude price\") coal", "group(group(title:oil title:\"crude price\") coal)"},
      {"source:\"Financial Times\"", "source:\"Financial Times\""},
      {"title:(oil source:reuters)", "group(title:oil source:reuters)"},
      {"oil NEAR/3 price", "near/3(oil price)"},
      {"and or not", "group(and or not)"},  // lower case: words
      {"http://example.org/a", "http://example.org/a"},
      {"  spaced   out  ", "group(spaced out)"},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    const ParsedQuery parsed = parse_query(c.query);
    CHECK(parsed.error.empty());
    REQUIRE(parsed.root.has_value());
    CHECK(show(*parsed.root) == c.tree);
  }
}

TEST_CASE("queries that do not parse say why and fall back to plain words", "[query]") {
  struct Case {
    std::string query, error_part, fallback;
  };
  const std::vector<Case> cases = {
      {"\"cocoa prices", "unbalanced quote", "group(cocoa prices)"},
      {"AND", "operator", ""},
      {"oil AND", "right-hand side", "group(oil)"},
      {"OR gas", "left-hand side", "group(gas)"},
      {"(oil gas", "unbalanced '('", "group(oil gas)"},
      {"oil gas)", "unbalanced ')'", "group(oil gas)"},
      {"*", "lone '*'", ""},
      {"title:", "nothing after", "group(title)"},
      {"oil NEAR (gas)", "NEAR", "group(oil gas)"},
      {"oil NEAR/0 gas", "NEAR/n takes a window", "group(oil NEAR/0 gas)"},
      {std::string(200, '(') + "deep", "nested too deep", "group(deep)"},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    const ParsedQuery parsed = parse_query(c.query);
    CHECK_THAT(parsed.error, Catch::Contains(c.error_part));
    CHECK((parsed.root ? show(*parsed.root) : std::string()) == c.fallback);
  }
}

TEST_CASE("a filter whose value cannot be read is an error, not a word search", "[query]") {
  struct Case {
    std::string query, error_part;
  };
  const std::vector<Case> cases = {
      {"date:yesterday oil", "cannot read \"yesterday\""},
      {"date:1987-13", "cannot read \"1987-13\""},
      {"date:2025..2024", "ends before it starts"},
      {"date:1987-04-01..1987-03-01", "ends before it starts"},
      {"date:..", "needs a date"},
      {"lang:klingonese oil", "lang: unknown language \"klingonese\""},
      {"lang:english", "for English it is en"},
      {"date:(2024 OR 2025)", "not a group"},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    const ParsedQuery parsed = parse_query(c.query);
    CHECK(parsed.filter_error);
    CHECK_THAT(parsed.error, Catch::Contains(c.error_part));
    CHECK_FALSE(parsed.root.has_value());
  }
}

TEST_CASE("an unknown field name is searched as words, with a note", "[query]") {
  const ParsedQuery parsed = parse_query("ceo:smith oil");
  CHECK(parsed.error.empty());
  REQUIRE(parsed.notes.size() == 1);
  CHECK_THAT(parsed.notes[0], Catch::Contains("unknown field \"ceo:\""));
  REQUIRE(parsed.root);
  CHECK(show(*parsed.root) == "group(ceo:smith oil)");
  for (const char* text : {"http://example.org", "10:30 meeting", "ratio 3:1"}) {
    INFO(text);
    CHECK(parse_query(text).notes.empty());
  }
}

TEST_CASE("an empty or blank query has nothing to search", "[query]") {
  for (const char* q : {"", "   ", "\t\n"}) {
    const ParsedQuery parsed = parse_query(q);
    CHECK(parsed.error.empty());
    CHECK_FALSE(parsed.root.has_value());
  }
}

TEST_CASE("plain word counts tell natural-language queries from the rest", "[query]") {
  const std::vector<std::pair<std::string, std::size_t>> cases = {
      {"cocoa", 1},
      {"what did the producers decide", 5},
      {"TSS (Time Sharing System), an operating system", 7},
      {"the crystalline lens in vertebrates, including humans.", 7},
      {"oil \"crude prices\" opec", 0},
      {"oil AND gas coal", 0},
      {"+oil gas coal", 0},
      {"oil -gas coal", 0},
      {"title:oil gas coal", 0},
      {"oil gas date:1987", 0},
      {"export* prices", 0},
  };
  for (const auto& [query, count] : cases) {
    INFO(query);
    const auto parsed = parse_query(query);
    REQUIRE(parsed.root);
    CHECK(plain_word_count(*parsed.root) == count);
  }
}
