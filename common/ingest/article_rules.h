// The rules every article goes through, whatever it came from: each reader's output and every
// article an embedding program gives to Index::add meet the same finish_article(), so the
// same article is stored the same way however it arrived.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/article.h"
#include "ingest/article_sink.h"

namespace dateline {

// What finish_article() found.
struct ArticleCheck {
  std::string error;                  // non-empty: the article cannot be indexed, for this reason
  std::vector<std::string> warnings;  // the article is indexed; these were changed or dropped
};

// Finishes an article whose fields hold what its source wrote:
//  - every field must be valid UTF-8 (else an error naming the field);
//  - control characters (C0 but tab and line ends, DEL, C1) become spaces: printed raw they
//    would drive the reader's terminal; single-line fields are trimmed; empty authors and
//    tags dropped;
//  - `date`, in any form parse_date() reads, becomes its normalised form; an unreadable date
//    is a warning and the article is kept without one;
//  - `lang`, a BCP 47 tag, becomes its primary language subtag; an unreadable tag is a warning
//    and the language is left to detection;
//  - neither title nor body (after the above) is an error;
//  - an empty id is derived: the url, else a hash of the content, so the same article gets the
//    same id on every run.
ArticleCheck finish_article(Article& article);

// finish_article(), then the article, or why it is bad, and its warnings, to `sink`.
void finish_and_deliver(Article&& article, const Location& where, ArticleSink& sink);

// The text of one record, ready to parse: without a UTF-8 byte order mark, and valid UTF-8.
// A NUL byte makes a bad record (no text format has one); invalid UTF-8 is a bad record too, or
// with options.repair_utf8 is repaired into `storage` with a warning. Returns nothing when the
// record was reported bad.
std::optional<std::string_view> checked_text(std::string_view text, std::string& storage,
                                             const ReaderOptions& options, ArticleSink& sink,
                                             const Location& where);

}  // namespace dateline
