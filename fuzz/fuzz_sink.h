// A sink for fuzz targets that checks what readers promise about every article they accept.
#pragma once

#include <cstdlib>

#include "ingest/article_sink.h"
#include "util/utf8.h"

namespace dateline::fuzz {

class CheckingSink : public ArticleSink {
 public:
  void on_article(Article&& a, const Location&) override {
    // Every accepted article has an id, some text, and only valid UTF-8.
    if (a.id.empty() || (a.title.empty() && a.body.empty())) std::abort();
    for (const std::string* f : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.lang}) {
      if (!utf8::is_valid(*f)) std::abort();
    }
  }
  void on_bad_record(const Location&, std::string_view) override {}
  void on_warning(const Location&, std::string_view) override {}
};

}  // namespace dateline::fuzz
