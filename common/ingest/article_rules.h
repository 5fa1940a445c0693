// Rules every reader applies to the fields it found, whatever the input format.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/article_sink.h"
#include "dateline/article.h"

namespace dateline {

// Normalises `raw_date` into article.date; returns a warning when it cannot be read (the
// article is then kept without a date).
std::optional<std::string> apply_date(Article& article, std::string_view raw_date);

// Lower-cases a BCP 47 tag and keeps its primary language subtag ("pt-BR" -> "pt"). Returns
// an empty string for text that is not a language tag.
std::string normalise_lang(std::string_view tag);

// An id for an article that has none: its url when it has one, else a hash of its content.
// The same article always gets the same id, so re-indexing replaces instead of doubling.
std::string derive_id(const Article& article);

// The text of one record, ready to parse: without a UTF-8 byte order mark, and valid UTF-8.
// A NUL byte makes a bad record (no text format has one); invalid UTF-8 is a bad record too, or
// with options.repair_utf8 is repaired into `storage` with a warning. Returns nothing when the
// record was reported bad.
std::optional<std::string_view> checked_text(std::string_view text, std::string& storage,
                                             const ReaderOptions& options, ArticleSink& sink,
                                             const Location& where);

// Turns control characters (C0 but tab and line ends, DEL, C1) into spaces in every field,
// trims surrounding whitespace of every single-line field and drops empty authors and tags.
void tidy_fields(Article& article);

}  // namespace dateline
