// The library's stages depend on each other one way only (docs/architecture.md):
//   util <- ingest, analysis <- index <- search <- render <- serve
// A file may include its own stage's headers and those of the stages below it; ingest and
// analysis, side by side, include neither each other. The public headers (dateline/...) are
// declarations anyone may include, and include nothing but each other and the standard library.
// This test reads every #include line of common/ and fails on one that points up.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/test_support.h"

namespace fs = std::filesystem;

namespace {

// A stage's place in the order; stages of equal rank may not include each other.
const std::map<std::string, int> kStageRank = {{"util", 0},  {"ingest", 1}, {"analysis", 1},
                                               {"index", 2}, {"search", 3}, {"render", 4},
                                               {"serve", 5}};

std::string stage_of(const std::string& path) { return path.substr(0, path.find('/')); }

// The includes of `content` (a file at `path`, relative to common/) that break the rule.
std::vector<std::string> violations(const std::string& path, const std::string& content) {
  static const std::regex include_line(R"(^\s*#\s*include\s*["<]([^">]+)[">])");
  std::vector<std::string> out;
  const std::string from = stage_of(path);
  const bool is_public = path.starts_with("include/dateline/");
  std::istringstream lines(content);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::smatch m;
    if (!std::regex_search(line, m, include_line)) continue;
    const std::string included = m[1];
    const std::string to = stage_of(included);
    const std::string where = path + ":" + std::to_string(number) + ": " + included;
    if (is_public) {
      const bool standard =
          included.find('/') == std::string::npos && included.find('.') == std::string::npos;
      if (!standard && !included.starts_with("dateline/")) {
        out.push_back(where +
                      " (a public header includes only dateline/ and the standard library)");
      }
      continue;
    }
    if (!kStageRank.contains(to) || to == from) continue;
    if (!kStageRank.contains(from)) {
      out.push_back(where + " (" + path + " is in no stage)");
    } else if (kStageRank.at(to) >= kStageRank.at(from)) {
      out.push_back(where + " (" + from + " may not include " + to + ")");
    }
  }
  return out;
}

fs::path common_dir() { return fs::path(DATELINE_SOURCE_DIR) / "common"; }

}  // namespace

TEST_CASE("includes point down the stages, never up or across", "[architecture]") {
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(common_dir())) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cpp") continue;
    ++files;
    const std::string path = fs::relative(entry.path(), common_dir()).generic_string();
    for (const std::string& v : violations(path, dateline::test::read_file(entry.path())))
      FAIL_CHECK(v);
  }
  CHECK(files > 50);
}

TEST_CASE("the include rule catches an include that points up or across", "[architecture]") {
  struct Case {
    std::string path, include;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {"search/snippet.cpp", "analysis/analyzer.h", true},
      {"search/snippet.cpp", "search/highlight_terms.h", true},
      {"serve/http_server.cpp", "dateline/render.h", true},
      {"index/schema.cpp", "util/hash.h", true},
      {"search/snippet.h", "render/text_width.h", false},         // up
      {"util/date.cpp", "ingest/article_rules.h", false},         // up
      {"ingest/html_reader.cpp", "analysis/analyzer.h", false},   // across
      {"analysis/analyzer.cpp", "ingest/article_sink.h", false},  // across
      {"include/dateline/search.h", "index/schema.h", false},     // a public header, internals
      {"include/dateline/search.h", "xapian.h", false},
      {"include/dateline/search.h", "dateline/names.h", true},
      {"include/dateline/search.h", "vector", true},
      {"loose.cpp", "util/utf8.h", false},  // a source file outside the stages
  };
  for (const Case& c : cases) {
    INFO(c.path << " includes " << c.include);
    CHECK(violations(c.path, "#include \"" + c.include + "\"\n").empty() == c.allowed);
  }
}

TEST_CASE("common/ has no source file at its top level", "[architecture]") {
  for (const auto& entry : fs::directory_iterator(common_dir())) {
    const std::string ext = entry.path().extension().string();
    INFO(entry.path().filename().string());
    CHECK((ext != ".h" && ext != ".cpp"));
  }
}
