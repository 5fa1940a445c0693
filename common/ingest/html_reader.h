// HTML articles (PRODUCT.md section 1), parsed with gumbo, a full HTML5 parser.
#pragma once

#include <string>
#include <string_view>

#include "ingest/article_sink.h"

namespace dateline {

// Reads `content` (one HTML file, valid UTF-8: see read_input_file()) as one article with id
// `id` unless it names its canonical URL:
// title from og:title, else <title>, else the first <h1>; date from article:published_time,
// <time datetime> or <meta name=date>; author from <meta name=author>; url from
// <link rel=canonical> or og:url; lang from <html lang>; body text from <article>, else <main>,
// else <body>, without script, style, nav, header, footer, aside, and with block elements
// separated by blank lines.
void read_html_article(std::string_view content, std::string id, std::string_view file_name,
                       ArticleSink& sink);

}  // namespace dateline
