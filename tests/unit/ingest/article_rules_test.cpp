#include "ingest/article_rules.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("finish_article normalises what every source writes", "[article-rules]") {
  struct Case {
    std::string name;
    Article given;
    Article expected;
    std::vector<std::string> warnings;  // parts of the warnings, in order
  };
  const std::vector<Case> cases = {
      {"an English date",
       {.id = "a", .title = "T", .date = "March 2, 2026"},
       {.id = "a", .title = "T", .date = "2026-03-02"},
       {}},
      {"a date-time keeps its time and zone",
       {.id = "a", .title = "T", .date = "Fri, 01 Mar 2024 23:30 GMT"},
       {.id = "a", .title = "T", .date = "2024-03-01T23:30:00Z"},
       {}},
      {"an unreadable date is dropped with a warning",
       {.id = "a", .title = "T", .date = "the day after"},
       {.id = "a", .title = "T"},
       {"unreadable date \"the day after\""}},
      {"a language tag keeps its primary subtag",
       {.id = "a", .title = "T", .lang = "EN-gb"},
       {.id = "a", .title = "T", .lang = "en"},
       {}},
      {"a deprecated language code becomes the current one",
       {.id = "a", .title = "T", .lang = "iw"},
       {.id = "a", .title = "T", .lang = "he"},
       {}},
      {"an unreadable language is left to detection with a warning",
       {.id = "a", .title = "T", .lang = "xx-invalid-tag-!!"},
       {.id = "a", .title = "T"},
       {"unreadable lang"}},
      {"control characters become spaces, single-line fields are trimmed",
       {.id = " a ", .title = "\x1b[2JTitle\x07", .body = "one\ttwo\nthree\x7f", .source = " R "},
       {.id = "a", .title = "[2JTitle", .body = "one\ttwo\nthree ", .source = "R"},
       {}},
      {"C1 controls become spaces too",
       {.id = "a",
        .title = "x\xc2\x9b"
                 "1mY"},
       {.id = "a", .title = "x 1mY"},
       {}},
      {"empty authors and tags are dropped, the others trimmed",
       {.id = "a", .title = "T", .authors = {" Ann ", "", "  "}, .tags = {"", " oil"}},
       {.id = "a", .title = "T", .authors = {"Ann"}, .tags = {"oil"}},
       {}},
      {"no id: the url",
       {.title = "T", .url = "https://example.org/a"},
       {.id = "https://example.org/a", .title = "T", .url = "https://example.org/a"},
       {}},
      {"no id and no url: a hash of the content",
       {.title = "T", .body = "B"},
       {.id = "h-07c63a2cb6ca4e1f8d7e0bc35c9b5f7a", .title = "T", .body = "B"},
       {}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Article article = c.given;
    const ArticleCheck check = finish_article(article);
    CHECK(check.error.empty());
    if (c.name.starts_with("no id and no url")) {
      // The hash's exact digits are not the point: that it is stable and content-made is.
      CHECK(article.id.starts_with("h-"));
      CHECK(article.id.size() == 34);
      Article again = c.given;
      finish_article(again);
      CHECK(again.id == article.id);
      Article other = c.given;
      other.body = "C";
      finish_article(other);
      CHECK(other.id != article.id);
    } else {
      CHECK(article == c.expected);
    }
    REQUIRE(check.warnings.size() == c.warnings.size());
    for (std::size_t i = 0; i < c.warnings.size(); ++i) {
      CHECK_THAT(check.warnings[i], Catch::Contains(c.warnings[i]));
    }
  }
}

TEST_CASE("finish_article refuses what cannot be indexed", "[article-rules]") {
  struct Case {
    Article given;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{.id = "a"}, "neither title nor body"},
      {{.id = "a", .title = " \x01 ", .body = "\n\t "}, "neither title nor body"},
      {{.id = "a", .title = "bad \xff byte"}, "invalid UTF-8 in the title field"},
      {{.id = "a", .title = "T", .authors = {"\xc3"}}, "invalid UTF-8 in the author field"},
  };
  for (const Case& c : cases) {
    INFO(c.error);
    Article article = c.given;
    CHECK(finish_article(article).error == c.error);
  }
}

TEST_CASE("finish_article is idempotent", "[article-rules]") {
  Article article{.title = " T\x1b ",
                  .body = "b",
                  .date = "Sat, 02 Mar 2024 10:00:00 +0100",
                  .lang = "pt_BR",
                  .tags = {" x "}};
  finish_article(article);
  Article again = article;
  const ArticleCheck check = finish_article(again);
  CHECK(check.error.empty());
  CHECK(check.warnings.empty());
  CHECK(again == article);
}
