// One JSON object -> one Article, with the field names and aliases of PRODUCT.md section 1.
#pragma once

#include <simdjson.h>

#include <string>
#include <vector>

#include "dateline/article.h"

namespace dateline {

struct JsonArticleResult {
  Article article;                    // fields as written, not finished yet
  std::string error;                  // non-empty: the record is bad, for this reason
  std::vector<std::string> warnings;  // the record is good, but these fields were ignored
};

// Reads the fields of `object`: id (string or number), title, body (or text, content), date,
// author (string or array; or authors, byline), source, url, lang, tags (array or string; or
// topics, keywords), as written: finish_article() normalises them. Unknown fields are ignored;
// a known field of the wrong type is a warning and is ignored. Bad when the id is neither a
// string nor a number.
JsonArticleResult article_from_json(simdjson::dom::object object);

}  // namespace dateline
