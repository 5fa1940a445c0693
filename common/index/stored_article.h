// The article as kept in a document's data, for display and snippets.
#pragma once

#include <string>
#include <string_view>

#include "dateline/article.h"

namespace dateline {

// The article's fields in a compact binary form: id, title, body, date, source, url, lang, each
// as a varint length and its bytes, then authors and tags, each a varint count of such fields.
// Decoding is a few length reads and copies: no JSON to parse for every hit shown. Last, as such
// a field, `word_map`: the body's WordMap, serialized.
std::string to_stored(const Article& article, std::string_view word_map = {});
// The article back from to_stored()'s output; data cut short or malformed gives the fields
// read so far, the rest left empty.
Article from_stored(std::string_view data);
// The word map stored after the article's fields: "" in data written without one (databases
// made before maps were kept), or cut short.
std::string_view stored_word_map(std::string_view data);

}  // namespace dateline
