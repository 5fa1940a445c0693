// The article as kept in a document's data, for display and snippets.
#pragma once

#include <string>
#include <string_view>

#include "dateline/article.h"

namespace dateline {

// A compact JSON object of the article's non-empty fields.
std::string to_stored(const Article& article);
// The article back from to_stored()'s output; fields missing or malformed are left empty.
Article from_stored(std::string_view data);

}  // namespace dateline
