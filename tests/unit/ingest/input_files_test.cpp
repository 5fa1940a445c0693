#include "ingest/input_files.h"

#include <catch2/catch.hpp>

#include "dateline/errors.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::CollectingSink;
using dateline::test::TempDir;
using dateline::test::write_file;

TEST_CASE("folders are read recursively, in byte order, known extensions only", "[input]") {
  TempDir dir;
  write_file(dir / "b.txt", "B title\nbody");
  write_file(dir / "a" / "z.html", "<title>Z</title><p>z</p>");
  write_file(dir / "a" / "y.jsonl", "{\"id\":\"y1\",\"title\":\"Y\"}\n");
  write_file(dir / "c.md", "not an article format");
  write_file(dir / ".hidden" / "h.txt", "hidden\nno");
  write_file(dir / ".dot.txt", "hidden\nno");
  const auto files = list_input_files({dir.path().string()}, InputFormat::kAuto);
  std::vector<std::string> ids;
  std::vector<InputFormat> formats;
  for (const auto& f : files) {
    ids.push_back(f.id);
    formats.push_back(f.format);
  }
  CHECK(ids == std::vector<std::string>{"a/y.jsonl", "a/z.html", "b.txt"});
  CHECK(formats ==
        std::vector<InputFormat>{InputFormat::kJsonl, InputFormat::kHtml, InputFormat::kText});

  CollectingSink sink;
  for (const auto& f : files) read_input_file(f, {}, sink);
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].id == "y1");
  CHECK(sink.articles[1].id == "a/z.html");
  CHECK(sink.articles[2].id == "b.txt");
  CHECK(sink.articles[2].title == "B title");
}

TEST_CASE("formats come from extensions, compressed ones included, or from --format", "[input]") {
  TempDir dir;
  for (const char* name : {"a.jsonl", "b.ndjson.gz", "c.JSONL.zst", "d.htm", "e.txt", "f.data"}) {
    write_file(dir / name, "x");
  }
  struct Case {
    std::string name;
    InputFormat forced, expected;
  };
  const std::vector<Case> cases = {
      {"a.jsonl", InputFormat::kAuto, InputFormat::kJsonl},
      {"b.ndjson.gz", InputFormat::kAuto, InputFormat::kJsonl},
      {"c.JSONL.zst", InputFormat::kAuto, InputFormat::kJsonl},
      {"d.htm", InputFormat::kAuto, InputFormat::kHtml},
      {"e.txt", InputFormat::kAuto, InputFormat::kText},
      {"f.data", InputFormat::kText, InputFormat::kText},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto files = list_input_files({(dir / c.name).string()}, c.forced);
    REQUIRE(files.size() == 1);
    CHECK(files[0].format == c.expected);
  }
  CHECK_THROWS_AS(list_input_files({(dir / "f.data").string()}, InputFormat::kAuto), InputError);
  CHECK_THROWS_AS(list_input_files({(dir / "missing").string()}, InputFormat::kAuto), InputError);
  CHECK(list_input_files({"-"}, InputFormat::kAuto)[0].format == InputFormat::kJsonl);
}

TEST_CASE("the corpus folder lists the seed and every sample", "[input][corpus]") {
  const auto files = list_input_files({dateline::test::corpus_dir().string()}, InputFormat::kAuto);
  std::vector<std::string> ids;
  for (const auto& f : files) ids.push_back(f.id);
  CHECK(ids == std::vector<std::string>{"news/10kgnad.jsonl", "news/livedoor.jsonl",
                                        "news/reuters21578.jsonl", "news/saudinewsnet.jsonl",
                                        "seed/000_fc10ff2354e6af4e.txt"});
}

TEST_CASE("files of other types are listed as ignored, links followed but never in a loop",
          "[input]") {
  TempDir dir;
  write_file(dir / "news" / "a.txt", "A title\nbody");
  write_file(dir / "news" / "notes.md", "not an article format");
  write_file(dir / "news" / "data.csv", "a,b");
  write_file(dir / "elsewhere" / "b.txt", "B title\nbody");
  std::filesystem::create_directory_symlink(dir / "elsewhere", dir / "news" / "linked");
  std::filesystem::create_directory_symlink(dir / "news", dir / "news" / "again");  // a loop
  const auto listing = list_inputs({(dir / "news").string()}, InputFormat::kAuto);
  std::vector<std::string> ids;
  for (const auto& f : listing.files) ids.push_back(f.id);
  CHECK(ids == std::vector<std::string>{"a.txt", "linked/b.txt"});
  CHECK(listing.ignored == std::vector<std::string>{(dir / "news" / "data.csv").string(),
                                                    (dir / "news" / "notes.md").string()});
  CHECK(listing.loops == std::vector<std::string>{(dir / "news" / "again").string()});
}
