#include "ingest/html_reader.h"

#include <catch2/catch.hpp>

#include "ingest/input_files.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::CollectingSink;

namespace {
CollectingSink read(std::string_view content) {
  CollectingSink sink;
  read_html_article(content, "page.html", "page.html", sink);
  return sink;
}
}  // namespace

TEST_CASE("HTML metadata comes from the places PRODUCT.md names, in its order", "[html]") {
  struct Case {
    std::string html;
    std::string title, date, author, url, lang;
  };
  const std::vector<Case> cases = {
      {R"(<html lang="de-AT"><head><title>Tag title</title>
          <meta property="og:title" content="OG title">
          <meta property="article:published_time" content="2024-03-02T10:00:00Z">
          <meta name="author" content="Ann Lee">
          <link rel="canonical" href="https://example.org/story"></head>
          <body><h1>H1 title</h1><p>Text.</p></body></html>)",
       "OG title", "2024-03-02T10:00:00Z", "Ann Lee", "https://example.org/story", "de"},
      {R"(<title>Tag title</title><h1>H1</h1><time datetime="2023-11-05">5 Nov</time><p>x</p>)",
       "Tag title", "2023-11-05", "", "", ""},
      {R"(<meta name="date" content="2022-01"><h1>Only <b>an</b> H1</h1><p>x</p>)", "Only an H1",
       "2022-01", "", "", ""},
      {R"(<meta property="og:url" content="https://example.org/og"><p>No title at all</p>)", "", "",
       "", "https://example.org/og", ""},
  };
  for (const auto& c : cases) {
    INFO(c.html);
    const CollectingSink sink = read(c.html);
    REQUIRE(sink.articles.size() == 1);
    const Article& a = sink.articles[0];
    CHECK(a.title == c.title);
    CHECK(a.date == c.date);
    CHECK(a.authors ==
          (c.author.empty() ? std::vector<std::string>{} : std::vector<std::string>{c.author}));
    CHECK(a.url == c.url);
    CHECK(a.lang == c.lang);
  }
}

TEST_CASE("HTML body text comes from article, else main, else body, without chrome", "[html]") {
  struct Case {
    std::string html;
    std::string body;
  };
  const std::vector<Case> cases = {
      {R"(<body><nav>Menu</nav><header>Site</header><article><h2>Sub</h2><p>Para   one
          continues.</p><script>var x=1;</script><style>p{}</style><p>Para<br>two</p>
          <aside>Related</aside></article><footer>Copyright</footer></body>)",
       "Sub\n\nPara one continues.\n\nPara\ntwo"},
      {R"(<body><div>outside</div><main><p>In main &amp; only &lt;here&gt;</p></main></body>)",
       "In main & only <here>"},
      {R"(<body><p>Whole <i>body</i> text</p><footer>f</footer></body>)", "Whole body text"},
      {R"(<p>unclosed <b>tags <p>second)", "unclosed tags\n\nsecond"},
  };
  for (const auto& c : cases) {
    INFO(c.html);
    const CollectingSink sink = read(c.html);
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].body == c.body);
  }
}

TEST_CASE("HTML without text, or not UTF-8, is a bad record", "[html]") {
  for (std::string html : {std::string("<html><head></head><body></body></html>"),
                           std::string("<script>only()</script>"), std::string("<p>\xFF</p>")}) {
    INFO(html);
    CollectingSink sink;  // the whole path of a file: charset, checks, reader
    read_document(html, InputFile{"page.html", "page.html", InputFormat::kHtml, 0}, {}, sink);
    CHECK(sink.articles.empty());
    CHECK(sink.bad.size() == 1);
  }
}

TEST_CASE("HTML nested 500 deep is read, 10,000 deep is skipped with its reason", "[html]") {
  // Past 512 levels (where Chromium's parser stops nesting), gumbo's time grows with the
  // depth at every tag and its memory with unclosed formatting tags: such a page is refused.
  auto nested = [](int depth) {
    std::string html = "<title>Deep</title>";
    for (int i = 0; i < depth; ++i) html += "<div>";
    return html + "deep text";
  };
  const CollectingSink read_one = read(nested(500));
  REQUIRE(read_one.articles.size() == 1);
  CHECK(read_one.articles[0].title == "Deep");
  const CollectingSink skipped = read(nested(10000));
  CHECK(skipped.articles.empty());
  REQUIRE(skipped.bad.size() == 1);
  CHECK_THAT(skipped.bad[0].message, Catch::Contains("HTML nested deeper than 512 elements"));
}
