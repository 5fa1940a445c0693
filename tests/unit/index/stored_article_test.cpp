#include "index/stored_article.h"

#include <catch2/catch.hpp>

namespace dateline {

namespace {

Article sample() {
  Article a;
  a.id = "reuters-17";
  a.title = "Déjà vu: 北京 oil prices";
  a.body = std::string(300, 'x') + " body with a \x1f separator and \"quotes\"";
  a.date = "1987-03-02T10:30:00-05:00";
  a.authors = {"Jane Roe", "", "John Doe"};
  a.source = "Reuters";
  a.url = "https://example.com/a?b=1";
  a.lang = "en";
  a.tags = {"crude", "opec"};
  return a;
}

}  // namespace

TEST_CASE("A stored article reads back field for field, empty ones and lists included") {
  const Article a = sample();
  const Article b = from_stored(to_stored(a));
  CHECK(b.id == a.id);
  CHECK(b.title == a.title);
  CHECK(b.body == a.body);
  CHECK(b.date == a.date);
  CHECK(b.authors == a.authors);
  CHECK(b.source == a.source);
  CHECK(b.url == a.url);
  CHECK(b.lang == a.lang);
  CHECK(b.tags == a.tags);
  const Article empty = from_stored(to_stored(Article{}));
  CHECK(empty.id.empty());
  CHECK(empty.authors.empty());
}

TEST_CASE("Stored data cut short gives the fields read so far, never a crash") {
  const std::string data = to_stored(sample());
  for (std::size_t n = 0; n < data.size(); ++n) {
    const Article a = from_stored(std::string_view(data).substr(0, n));
    CHECK(a.body.size() <= sample().body.size());
  }
  CHECK(from_stored(std::string_view(data).substr(0, 5)).title.empty());
  CHECK(from_stored("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff").id.empty());
}

}  // namespace dateline
