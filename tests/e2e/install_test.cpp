// `cmake --install` and the package it installs: the example under examples/ is configured
// with find_package(Dateline) against a temporary prefix, built with the shared and with the
// static library, and run; and built once more with only pkg-config's flags.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace {

using dateline::test::quote;
using dateline::test::run;
using dateline::test::TempDir;

const std::string kCmake = DATELINE_CMAKE_COMMAND;
const std::string kBuildDir = DATELINE_BINARY_DIR;
const std::string kCompiler = DATELINE_CXX_COMPILER;

// Installs the build into `prefix`; fails the test with cmake's output when it fails.
void install_into(const std::filesystem::path& prefix) {
  const auto installed =
      run(quote(kCmake) + " --install " + quote(kBuildDir) + " --prefix " + quote(prefix));
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  for (const char* file : {"include/dateline/search.h", "include/dateline/index.h",
                           "lib/cmake/Dateline/DatelineConfig.cmake", "lib/pkgconfig/dateline.pc",
                           "bin/indexer", "bin/searcher"}) {
    INFO(file);
    CHECK(std::filesystem::exists(prefix / file));
  }
}

// The example's output must show both harbour articles, ranked, with highlights.
void check_example_output(const dateline::test::CommandResult& ran) {
  INFO(ran.out << ran.err);
  REQUIRE(ran.exit_code == 0);
  CHECK(ran.out.find("2 result(s) for \"harbour ferry\"") != std::string::npos);
  CHECK(ran.out.find("1. ex-1") != std::string::npos);
  CHECK(ran.out.find("[ferries]") != std::string::npos);  // a stemmed form, highlighted
  CHECK(ran.out.find("ex-3") == std::string::npos);       // the bakery does not match
}

}  // namespace

TEST_CASE("the example builds against the installed CMake package and finds its articles") {
  TempDir tmp;
  install_into(tmp / "prefix");
  for (const std::string linkage : {"OFF", "ON"}) {
    SECTION("static library: " + linkage) {
      const auto build = tmp / ("build-" + linkage);
      const auto configured =
          run(quote(kCmake) + " -S " + quote(std::string(DATELINE_SOURCE_DIR) + "/examples") +
              " -B " + quote(build) + " -DCMAKE_PREFIX_PATH=" + quote(tmp / "prefix") +
              " -DCMAKE_CXX_COMPILER=" + quote(kCompiler) + " -DEXAMPLE_STATIC=" + linkage +
              " -G Ninja");
      INFO(configured.out << configured.err);
      REQUIRE(configured.exit_code == 0);
      const auto built = run(quote(kCmake) + " --build " + quote(build));
      INFO(built.out << built.err);
      REQUIRE(built.exit_code == 0);
      check_example_output(run(quote(build / "search_news") + " " + quote(tmp / "db")));
    }
  }
}

TEST_CASE("the installed pkg-config file is enough to build the example") {
  TempDir tmp;
  install_into(tmp / "prefix");
  const std::string flags = "$(PKG_CONFIG_PATH=" + quote(tmp / "prefix/lib/pkgconfig") +
                            " pkg-config --cflags --libs dateline)";
  const auto built = run(quote(kCompiler) + " -o " + quote(tmp / "search_news") + " " +
                         quote(std::string(DATELINE_SOURCE_DIR) + "/examples/search_news.cpp") +
                         " " + flags + " -Wl,-rpath," + quote(tmp / "prefix/lib"));
  INFO(built.out << built.err);
  REQUIRE(built.exit_code == 0);
  check_example_output(run(quote(tmp / "search_news") + " " + quote(tmp / "db")));
}

TEST_CASE("the shared library exports the public API and nothing else", "[install]") {
  const auto nm = run("nm -DC --defined-only " + quote(std::string(DATELINE_SHARED_LIBRARY)));
  REQUIRE(nm.exit_code == 0);
  // Every name declared in include/dateline/ that has code (classes, free functions).
  const std::set<std::string> public_names = {"Article",
                                              "Error",
                                              "UsageError",
                                              "DatabaseError",
                                              "InputError",
                                              "ServerError",
                                              "Index",
                                              "IndexSummary",
                                              "IndexingObserver",
                                              "Searcher",
                                              "HttpServer",
                                              "run_indexing",
                                              "compact_database",
                                              "render_json",
                                              "render_jsonl",
                                              "render_text",
                                              "render_ids",
                                              "render_trec",
                                              "render_article_json",
                                              "render_highlighted",
                                              "render_marked",
                                              "describe_total",
                                              "parse_half_life_days"};
  const std::regex first_name(R"(dateline::(\w+))");
  std::set<std::string> exported;
  std::istringstream lines(nm.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, first_name)) continue;
    INFO(line);
    CHECK(public_names.count(m[1]) == 1);
    CHECK(line.find("Impl") == std::string::npos);
    exported.insert(m[1]);
  }
  CHECK(exported.count("Searcher") == 1);
  CHECK(exported.count("Index") == 1);
  CHECK(exported.count("HttpServer") == 1);
}
