#include "ingest/jsonl_reader.h"

#include <catch2/catch.hpp>

#include "ingest/byte_source.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::CollectingSink;
using dateline::test::TempDir;
using dateline::test::write_file;

namespace {

CollectingSink read_text(const std::string& content, ReaderOptions options = {}) {
  TempDir dir;
  write_file(dir / "in.jsonl", content);
  auto source = open_byte_source((dir / "in.jsonl").string());
  CollectingSink sink;
  read_jsonl(*source, "in.jsonl", options, sink);
  return sink;
}

}  // namespace

TEST_CASE("JSONL records map fields and aliases onto the article", "[jsonl]") {
  struct Case {
    std::string line;
    Article expected;
  };
  const std::vector<Case> cases = {
      {R"({"id":"r1","title":"BAHIA COCOA REVIEW","body":"Showers continued.","date":"1987-02-26","source":"Reuters","lang":"en","topics":["cocoa"]})",
       {.id = "r1",
        .title = "BAHIA COCOA REVIEW",
        .body = "Showers continued.",
        .date = "1987-02-26",
        .source = "Reuters",
        .lang = "en",
        .tags = {"cocoa"}}},
      {R"({"id":42,"text":"Body via alias","authors":["A. One"," B. Two "],"keywords":"single"})",
       {.id = "42", .body = "Body via alias", .authors = {"A. One", "B. Two"}, .tags = {"single"}}},
      {R"({"id":"x","content":"c","byline":"Jane Doe","url":"https://example.org/a","lang":"pt-BR","unknown":{"deep":[1,2]}})",
       {.id = "x",
        .body = "c",
        .authors = {"Jane Doe"},
        .url = "https://example.org/a",
        .lang = "pt"}},
      {R"({"title":"No id","url":"https://example.org/story"})",
       {.id = "https://example.org/story", .title = "No id", .url = "https://example.org/story"}},
      {R"({"id":"t","title":"Zürich \u00e9t\u00e9","body":"b","date":"Sat, 02 Mar 2024 10:00:00 +0000"})",
       {.id = "t", .title = "Zürich été", .body = "b", .date = "2024-03-02T10:00:00Z"}},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    const CollectingSink sink = read_text(c.line + "\n");
    REQUIRE(sink.bad.empty());
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0] == c.expected);
  }
}

TEST_CASE("JSONL bad records are reported with their line and a reason", "[jsonl]") {
  struct Case {
    std::string line;
    std::string reason;  // a part of the reason
  };
  const std::vector<Case> cases = {
      {R"({"id":"1","title":"unterminated)", "invalid JSON"},
      {R"(["an","array"])", "not a JSON object"},
      {R"("a string")", "not a JSON object"},
      {"{}", "neither title nor body"},
      {R"({"id":"2","title":"","body":"   "})", "neither title nor body"},
      {R"({"id":{"nested":1},"title":"t"})", "id is an object"},
      {R"({"id":true,"title":"t"})", "id is a boolean"},
      {"{\"id\":\"3\",\"title\":\"bad \xC3\x28 utf8\"}", "invalid UTF-8"},
      {std::string("{\"id\":\"4\",\"title\":\"nul\0inside\"}", 30), "NUL byte"},
      {R"({"id":"5","title":"t"} trailing)", "invalid JSON"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    const CollectingSink sink = read_text(c.line + "\n");
    CHECK(sink.articles.empty());
    REQUIRE(sink.bad.size() == 1);
    CHECK(sink.bad[0].line == 1);
    CHECK_THAT(sink.bad[0].message, Catch::Contains(c.reason));
  }
}

TEST_CASE("JSONL fields of the wrong type are warnings, the article is kept", "[jsonl]") {
  const CollectingSink sink = read_text(
      R"({"id":"w","title":123,"body":"kept","date":"0000-00-00","tags":[1,"ok"],"author":{"x":1}})"
      "\n");
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title.empty());
  CHECK(sink.articles[0].body == "kept");
  CHECK(sink.articles[0].date.empty());
  CHECK(sink.articles[0].tags == std::vector<std::string>{"ok"});
  CHECK(sink.warnings.size() == 4);
}

TEST_CASE("JSONL good records around bad ones are all kept, including after a 50 MB line",
          "[jsonl]") {
  std::string content;
  content += "\xEF\xBB\xBF{\"id\":\"good-1\",\"title\":\"First\"}\r\n";  // BOM and CRLF
  content += "not json at all\n";
  content += "\n";  // blank: ignored
  content += "{\"id\":\"good-2\",\"body\":\"Second\"}\n";
  content += "{\"id\":\"big\",\"body\":\"" + std::string(50u << 20, 'a') + "\"}\n";
  content += "{\"id\":\"bad-utf8\",\"title\":\"\xFF\"}\n";
  content += "{}\n";
  content += "{\"id\":\"good-3\",\"title\":\"Last\"}";  // no newline at the end
  const CollectingSink sink = read_text(content);
  std::vector<std::string> ids;
  for (const auto& a : sink.articles) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"good-1", "good-2", "good-3"});
  CHECK(sink.article_lines == std::vector<std::uint64_t>{1, 4, 8});
  REQUIRE(sink.bad.size() == 4);
  CHECK(sink.bad[0].line == 2);
  CHECK(sink.bad[1].line == 5);
  CHECK_THAT(sink.bad[1].message, Catch::Contains("50.0 MB is over the 16.0 MB limit"));
  CHECK(sink.bad[2].line == 6);
  CHECK(sink.bad[3].line == 7);
}

TEST_CASE("JSONL --repair keeps records with invalid UTF-8, replaced by U+FFFD", "[jsonl]") {
  ReaderOptions options;
  options.repair_utf8 = true;
  const CollectingSink sink = read_text("{\"id\":\"r\",\"title\":\"caf\xE9 au lait\"}\n", options);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "caf\xEF\xBF\xBD au lait");
  CHECK(sink.warnings.size() == 1);
}

TEST_CASE("JSONL derived ids are stable and differ between articles", "[jsonl]") {
  const std::string a = R"({"title":"Same title","body":"Body one"})";
  const std::string b = R"({"title":"Same title","body":"Body two"})";
  const CollectingSink first = read_text(a + "\n" + b + "\n");
  const CollectingSink again = read_text(a + "\n" + b + "\n");
  REQUIRE(first.articles.size() == 2);
  CHECK(first.articles[0].id == again.articles[0].id);
  CHECK(first.articles[0].id != first.articles[1].id);
  CHECK_THAT(first.articles[0].id, Catch::StartsWith("h-"));
}

TEST_CASE("JSONL reads every article of the corpus sample", "[jsonl][corpus]") {
  for (const char* name : {"reuters21578", "10kgnad", "livedoor", "saudinewsnet"}) {
    INFO(name);
    const auto path = dateline::test::corpus_dir() / "news" / (std::string(name) + ".jsonl");
    auto source = open_byte_source(path.string());
    CollectingSink sink;
    read_jsonl(*source, name, {}, sink);
    CHECK(sink.bad.empty());
    CHECK(sink.articles.size() >= 30);
    for (const auto& article : sink.articles) {
      CHECK_FALSE(article.id.empty());
      CHECK_FALSE(article.body.empty());
      CHECK_FALSE(article.lang.empty());
    }
  }
}
