#include "ingest/text_reader.h"

#include <catch2/catch.hpp>

#include "ingest/input_files.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::CollectingSink;

namespace {
CollectingSink read(std::string_view content) {
  CollectingSink sink;
  read_text_article(content, "dir/a.txt", "dir/a.txt", sink);
  return sink;
}
}  // namespace

TEST_CASE("the seed article reads as title line plus body", "[text]") {
  const std::string content =
      dateline::test::read_file(dateline::test::corpus_dir() / "seed" / "000_fc10ff2354e6af4e.txt");
  const CollectingSink sink = read(content);
  REQUIRE(sink.articles.size() == 1);
  const Article& a = sink.articles[0];
  CHECK(a.id == "dir/a.txt");
  CHECK(a.title == "China’s AI Future: Alibaba’s New Chip and the Race for Independence");
  CHECK(a.body.starts_with("The global AI landscape is being reshaped"));
  CHECK(a.body.find("The Inference Gap: Why This Matters") != std::string::npos);
}

TEST_CASE("plain text with and without a header block", "[text]") {
  struct Case {
    std::string content;
    Article expected;
    std::size_t warnings;
  };
  const std::vector<Case> cases = {
      {"Title: Headline here\nDate: 2024-03-02\nAuthor: Ann Lee, Bo Chen\nSource: The Paper\n"
       "URL: https://example.org/x\nLang: de\nTags: politics; economy\n\nFirst paragraph.\n",
       {.id = "https://example.org/x",  // its URL names it, wherever the file is
        .title = "Headline here",
        .body = "First paragraph.",
        .date = "2024-03-02",
        .authors = {"Ann Lee", "Bo Chen"},
        .source = "The Paper",
        .url = "https://example.org/x",
        .lang = "de",
        .tags = {"politics", "economy"}},
       0},
      {"\n\n  Title line  \r\nBody line one.\r\nBody line two.\r\n",
       {.id = "dir/a.txt", .title = "Title line", .body = "Body line one.\r\nBody line two."},
       0},
      {"Date: not a date\nSource: Wire\n\nThe headline\nThe body.",
       {.id = "dir/a.txt", .title = "The headline", .body = "The body.", .source = "Wire"},
       1},
      {"Remarks: not a header key\nso this is the title line",
       {.id = "dir/a.txt",
        .title = "Remarks: not a header key",
        .body = "so this is the title line"},
       0},
      {"Only a title", {.id = "dir/a.txt", .title = "Only a title"}, 0},
  };
  for (const auto& c : cases) {
    INFO(c.content);
    const CollectingSink sink = read(c.content);
    REQUIRE(sink.bad.empty());
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0] == c.expected);
    CHECK(sink.warnings.size() == c.warnings);
  }
}

TEST_CASE("plain text that cannot be an article is a bad record", "[text]") {
  for (std::string content : {std::string(""), std::string(" \n\n\t\n"),
                              std::string("bad \xFF utf8"), std::string("bin\0ary", 7)}) {
    INFO(content);
    CollectingSink sink;  // the whole path of a file: charset, checks, reader
    read_document(content, InputFile{"dir/a.txt", "dir/a.txt", InputFormat::kText, 0}, {}, sink);
    CHECK(sink.articles.empty());
    CHECK(sink.bad.size() == 1);
  }
}
