// The nesting prescan that keeps runaway HTML away from gumbo: what counts as open, and what
// HTML closes without an end tag.
#include "ingest/html_nesting.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("html_nesting_depth counts the elements left open", "[html]") {
  struct Case {
    const char* html;
    std::size_t depth;
  };
  const Case cases[] = {
      {"", 0},
      {"plain text, a < b", 0},
      {"<div><div><span>x</span></div></div>", 3},
      {"<DIV><div></DIV>", 2},      // closing the outer closes the inner
      {"<p>one<p>two<p>three", 0},  // optional end tags
      {"<ul><li>a<li>b<li>c</ul>", 1},
      {"<br><img src=x><hr/><input>", 0},           // void elements
      {"<x-widget/><svg><path d='M0'/></svg>", 1},  // self-closing
      {"<b></i><b></i>", 2},                        // a stray end tag closes nothing
      {"<script>if (a<b) document.write('<div>')</script>", 0},
      {"<STYLE>div > p {}</style><div>", 1},
      {"<!-- <div><div> --><div>", 1},
      {"<!DOCTYPE html><?xml?><html><body><main><article>", 2},
  };
  for (const Case& c : cases) {
    INFO(c.html);
    CHECK(html_nesting_depth(c.html) == c.depth);
  }
}

TEST_CASE("html_nesting_depth stops counting past its limit", "[html]") {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  CHECK(html_nesting_depth(deep, 100) == 101);
  CHECK(html_nesting_depth(deep, 20000) == 10000);
}
