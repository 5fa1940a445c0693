// The article as kept in a document's data, for display and snippets.
#pragma once

#include <string>
#include <string_view>

#include "dateline/article.h"

namespace dateline {

// The article's fields in a compact binary form: id, title, body, date, source, url, lang, each
// as a varint length and its bytes, then authors and tags, each a varint count of such fields.
// Decoding is a few length reads and copies: no JSON to parse for every hit shown.
std::string to_stored(const Article& article);
// The article back from to_stored()'s output; data cut short or malformed gives the fields
// read so far, the rest left empty.
Article from_stored(std::string_view data);

}  // namespace dateline
