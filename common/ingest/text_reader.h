// Plain-text articles (PRODUCT.md section 1): an optional header block of `Key: value` lines
// (Title, Date, Author, Source, URL, Lang, Tags) ended by a blank line; without one, the first
// non-blank line is the title and the rest the body.
#pragma once

#include <string>
#include <string_view>

#include "ingest/article_sink.h"

namespace dateline {

// Reads `content` (one file, valid UTF-8: see read_input_file()) as one article with id `id`
// unless its header names a URL; reports it, or why it is bad, to `sink`. Authors and tags in
// the header are separated by commas or semicolons.
void read_text_article(std::string_view content, std::string id, std::string_view file_name,
                       ArticleSink& sink);

}  // namespace dateline
