#include "render/text_width.h"

#include <catch2/catch.hpp>

#include "dateline/render.h"
#include "util/utf8.h"

using namespace dateline;

TEST_CASE("display width counts wide characters as two columns, marks as none", "[width]") {
  struct Case {
    std::string text;
    std::size_t width;
  };
  const std::vector<Case> cases = {
      {"abc", 3},         {"北京大学", 8}, {"スピーチ", 8}, {"ＡＢＣ", 6}, {"e\u0301te\u0301", 3},
      {"مواطن يروي", 10}, {"한국어", 6},   {"", 0},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(display_width(c.text) == c.width);
  }
}

TEST_CASE("wrapped lines fit the width, at spaces or between CJK characters", "[width]") {
  const std::string latin =
      "The central bank raised interest rates again on Thursday, citing inflation.";
  const std::string cjk =
      "我们在北京大学学习中文。今天天气很好，明天也会很好。友人代表のスピーチ。";
  for (const std::string& text : {latin, cjk, latin + " " + cjk}) {
    for (std::size_t width : {10u, 17u, 30u}) {
      INFO(text << " at " << width);
      auto starts = wrap_points(text, width);
      starts.push_back(text.size());
      std::string joined;
      for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
        const std::string line = text.substr(starts[i], starts[i + 1] - starts[i]);
        CHECK(utf8::is_valid(line));  // never inside a character
        std::string trimmed = line;
        while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
        CHECK(display_width(trimmed) <= width);
        joined += line;
      }
      CHECK(joined == text);  // nothing lost, nothing inserted
    }
  }
}

TEST_CASE("text output wraps snippets to the terminal and keeps highlights whole", "[width]") {
  SearchResults results;
  SearchHit hit;
  hit.rank = 1;
  hit.article.title = "北京";
  hit.snippet.text = "我们在北京大学学习中文。今天天气很好，明天也会很好。";
  hit.snippet.highlights = {{9, 15}};  // 北京
  results.hits.push_back(hit);
  const std::string out =
      render_text(results, {.color = true, .include_timing = false, .width = 25});
  CHECK(out.find("\033[1;33m北京\033[0m") != std::string::npos);
  std::size_t start = 0;
  for (std::size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = out.substr(start, end - start);
    for (std::size_t esc; (esc = line.find('\033')) != std::string::npos;) {
      line.erase(esc, line.find('m', esc) - esc + 1);
    }
    CHECK(display_width(line) <= 25);
  }
}
