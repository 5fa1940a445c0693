// The indexer and searcher executables as a user runs them: exit codes, messages, reports.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "index/document_builder.h"
#include "index/schema.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::quote;
using dateline::test::run;
using dateline::test::TempDir;

namespace {

std::string indexer(const std::string& args) { return quote(test::kIndexer) + " " + args; }
std::string searcher(const std::string& args) { return quote(test::kSearcher) + " " + args; }

// A file of good records mixed with every kind of bad one.
std::string mixed_records() {
  std::string s;
  s += "{\"id\":\"good-1\",\"title\":\"Cocoa exports rise\",\"body\":\"Cocoa prices.\"}\n";  // 1
  s += "{\"id\":\"bad-json\",\"title\":\n";                                                  // 2
  s += "{\"id\":\"bad-utf8\",\"title\":\"\xC3\x28\"}\n";                                     // 3
  s += "{}\n";                                                                               // 4
  s += "{\"id\":\"big\",\"body\":\"" + std::string(50u << 20, 'x') + "\"}\n";                // 5
  s += std::string("{\"id\":\"nul\",\"title\":\"a\0b\"}\n", 27);                             // 6
  s += "{\"id\":\"good-2\",\"title\":\"Oil output falls\",\"date\":\"1987-03-02\"}\n";       // 7
  s += "{\"id\":\"good-3\",\"body\":\"Grain shipments resume.\"}\n";                         // 8
  return s;
}

}  // namespace

TEST_CASE("bad records are reported as FILE:LINE: reason, good ones indexed, exit 1", "[cli]") {
  TempDir dir;
  const auto input = dir / "mixed.jsonl";
  test::write_file(input, mixed_records());
  const auto db = (dir / "db").string();
  const auto result = run(indexer("--db " + quote(db) + " " + quote(input.string())));
  INFO(result.err);
  CHECK(result.exit_code == 1);
  const std::string file = input.string();
  for (const char* location : {":2: invalid JSON", ":3: invalid UTF-8", ":4: neither title",
                               ":5: record of 50.0 MB", ":6: NUL byte"}) {
    CHECK_THAT(result.err, Catch::Contains(file + location));
  }
  CHECK_THAT(result.err, Catch::Contains("added 3,"));
  CHECK_THAT(result.err, Catch::Contains("skipped 5"));
  Xapian::Database reader(db);
  CHECK(reader.get_doccount() == 3);
  for (const char* id : {"good-1", "good-2", "good-3"})
    CHECK(reader.term_exists(schema::id_term(id)));
}

TEST_CASE("with --strict the indexer stops at the first bad record, commits nothing, exits 2",
          "[cli]") {
  TempDir dir;
  const auto input = dir / "mixed.jsonl";
  test::write_file(input, mixed_records());
  const auto db = (dir / "db").string();
  const auto result = run(indexer("--strict --db " + quote(db) + " " + quote(input.string())));
  INFO(result.err);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(":2: invalid JSON"));
  CHECK_THAT(result.err, !Catch::Contains(":3:"));
  CHECK(Xapian::Database(db).get_doccount() == 0);
}

TEST_CASE("the JSON report (--report json) prints the summary keys of PRODUCT.md on stdout",
          "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  const auto corpus = test::corpus_dir().string();
  auto result = run(indexer("--report json --db " + quote(db) + " " + quote(corpus)));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto report = nlohmann::json::parse(result.out);
  for (const char* key : {"added", "updated", "unchanged", "deleted", "skipped", "seconds",
                          "articles_per_second", "mb_per_second"}) {
    CHECK(report.contains(key));
  }
  CHECK(report["added"] == 411);

  result = run(indexer("--report json --db " + quote(db) + " " + quote(corpus)));
  report = nlohmann::json::parse(result.out);
  CHECK(report["unchanged"] == 411);
  CHECK(report["added"] == 0);
}

TEST_CASE("JSON Lines on stdin, and --delete", "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  const auto input = dir / "in.jsonl";
  test::write_file(input, "{\"id\":\"s1\",\"title\":\"From stdin\"}\n");
  auto result = run(indexer("--db " + quote(db) + " -"), input.string());
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(Xapian::Database(db).term_exists(schema::id_term("s1")));
  result = run(indexer("--db " + quote(db) + " --delete s1"));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Catch::Contains("deleted 1"));
  CHECK(Xapian::Database(db).get_doccount() == 0);
}

TEST_CASE("usage errors exit 2 with one clear line", "[cli]") {
  TempDir dir;
  const auto db = quote((dir / "db").string());
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases = {
      {"--db " + db + " --no-such-flag x.jsonl", "no-such-flag"},
      {"--db " + db, "at least one PATH"},
      {"x.jsonl", "--db is required"},
      {"--db " + db + " " + quote((dir / "missing.jsonl").string()), "no such file or folder"},
      {"--db " + db + " --format xml x", "--format"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const auto result = run(indexer(c.args));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(c.message));
  }
}

TEST_CASE("searcher: hits exit 0, none exit 1, a missing database exits 2", "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  REQUIRE(run(indexer("--db " + quote(db) + " " + quote(test::corpus_dir().string()))).exit_code ==
          0);
  auto result = run(searcher("--db " + quote(db) + " --format ids --limit 3 cocoa"));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("1\n"));  // the Bahia cocoa review
  result = run(searcher("--db " + quote(db) + " --format json Alibaba chips"));
  CHECK(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["hits"][0]["id"] == "seed/000_fc10ff2354e6af4e.txt");
  result = run(searcher("--db " + quote(db) + " xyzzyplugh"));
  CHECK(result.exit_code == 1);
  result = run(searcher("--db " + quote((dir / "nothing").string()) + " cocoa"));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("no database here"));
}

TEST_CASE("an id given twice is warned about, the later kept, and a re-run is unchanged", "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  const auto input = dir / "twice.jsonl";
  test::write_file(input,
                   "{\"id\":\"a\",\"title\":\"First draft\",\"body\":\"Cocoa prices.\"}\n"
                   "{\"id\":\"b\",\"title\":\"Other\",\"body\":\"Grain.\"}\n"
                   "{\"id\":\"a\",\"title\":\"Final text\",\"body\":\"Cocoa prices rose.\"}\n");
  const std::string args = "--db " + quote(db) + " --report json " + quote(input.string());
  auto r = run(indexer(args));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("twice.jsonl:3: warning: id a repeats line 1; the later "
                                    "one is kept"));
  auto report = nlohmann::json::parse(r.out);
  CHECK(report["added"] == 2);
  CHECK(report["updated"] == 0);
  CHECK(Xapian::Database(db).get_doccount() == 2);
  const auto found = run(searcher("--db " + quote(db) + " --format ids title:final"));
  CHECK(found.out == "a\n");

  r = run(indexer(args));
  report = nlohmann::json::parse(r.out);
  CHECK(report["unchanged"] == 2);
  CHECK(report["updated"] == 0);
  CHECK(report["added"] == 0);
}

TEST_CASE("a re-run with --lang touches only the articles whose language it decided", "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  const auto input = dir / "langs.jsonl";
  test::write_file(
      input,
      "{\"id\":\"own\",\"lang\":\"en\",\"title\":\"Cocoa\",\"body\":\"Cocoa prices rose.\"}\n"
      "{\"id\":\"detected\",\"title\":\"Kakaopreise steigen\",\"body\":\"Die Preise fuer "
      "Kakao sind in dieser Woche an den Boersen deutlich gestiegen, meldeten Haendler.\"}\n"
      "{\"id\":\"undecided\",\"title\":\"x\",\"body\":\"12 34\"}\n");
  auto r = run(indexer("--db " + quote(db) + " --report json " + quote(input.string())));
  REQUIRE(r.exit_code == 0);
  r = run(indexer("--db " + quote(db) + " --lang fr --report json " + quote(input.string())));
  INFO(r.err);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["unchanged"] == 2);
  CHECK(report["updated"] == 1);
}

TEST_CASE("Ctrl-C commits what was read, says so, exits 130, and a re-run completes", "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  std::string first, second;
  for (int i = 0; i < 200; ++i) {
    (i < 100 ? first : second) += "{\"id\":\"n" + std::to_string(i) +
                                  "\",\"title\":\"Cocoa report " + std::to_string(i) +
                                  "\",\"body\":\"Cocoa prices moved.\"}\n";
  }
  test::write_file(dir / "first.jsonl", first);
  test::write_file(dir / "second.jsonl", second);
  // The first half arrives, then the input pauses; Ctrl-C comes during the pause.
  const std::string script = "(cat first.jsonl; sleep 2; cat second.jsonl) | " +
                             indexer("--db " + quote(db) + " -") +
                             " 2>err.txt & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo $?";
  const auto r = run("cd " + quote(dir.path().string()) + " && bash -c " + quote(script));
  CHECK(r.out == "130\n");
  const std::string err = test::read_file(dir / "err.txt");
  CHECK_THAT(err, Catch::Contains("interrupted: the "));
  CHECK_THAT(err, Catch::Contains("run the same command again"));
  const auto kept = Xapian::Database(db).get_doccount();
  CHECK(kept >= 100);
  CHECK(kept < 200);
  const auto again =
      run(indexer("--db " + quote(db) + " --report json " + quote((dir / "first.jsonl").string()) +
                  " " + quote((dir / "second.jsonl").string())));
  const auto report = nlohmann::json::parse(again.out);
  CHECK(report["unchanged"] == kept);
  CHECK(report["added"] == 200 - kept);
}

TEST_CASE("progress into a file is plain lines, and the last commit is announced", "[cli]") {
  TempDir dir;
  const auto db = (dir / "db").string();
  test::write_file(dir / "a.jsonl", "{\"id\":\"p1\",\"title\":\"Cocoa\",\"body\":\"Cocoa.\"}\n");
  const auto r =
      run(indexer("--db " + quote(db) + " --progress always " + quote((dir / "a.jsonl").string())));
  CHECK(r.exit_code == 0);
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find('\033') == std::string::npos);
  CHECK_THAT(r.err, Catch::Contains("1 article read; committing…"));
}

TEST_CASE("a folder's other files are counted and, with --verbose, named", "[cli]") {
  TempDir dir;
  test::write_file(dir / "in" / "a.txt", "Cocoa\n\nCocoa prices rose.");
  test::write_file(dir / "in" / "readme.md", "# notes");
  const auto db = (dir / "db").string();
  auto r = run(indexer("--db " + quote(db) + " " + quote((dir / "in").string())));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("1 file of other types not read (--verbose lists them)"));
  CHECK(r.err.find("readme.md") == std::string::npos);
  r = run(
      indexer("--db " + quote(db) + " --verbose --report json " + quote((dir / "in").string())));
  CHECK_THAT(r.err, Catch::Contains("readme.md: not read"));
  CHECK(nlohmann::json::parse(r.out)["files_ignored"] == 1);
}

TEST_CASE("a database inside the folder it indexes is refused", "[cli]") {
  TempDir dir;
  test::write_file(dir / "txt" / "a.txt", "Cocoa\n\nCocoa prices rose.");
  const auto r = run(indexer("--db " + quote((dir / "txt" / "db").string()) + " " +
                             quote((dir / "txt").string())));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("is inside the input folder"));
  CHECK_FALSE(std::filesystem::exists(dir / "txt" / "db"));
}

TEST_CASE("with --report json a fatal error is reported as JSON on stdout too", "[cli]") {
  TempDir dir;
  test::write_file(dir / "afile", "not a database\n");
  const auto r = run(indexer("--db " + quote((dir / "afile").string()) + " --report json " +
                             quote(test::corpus_dir().string())));
  CHECK(r.exit_code == 2);
  const auto j = nlohmann::json::parse(r.out);
  CHECK_THAT(std::string(j["error"]), Catch::Contains("afile"));
  CHECK_THAT(r.err, Catch::Contains("indexer: "));
}
