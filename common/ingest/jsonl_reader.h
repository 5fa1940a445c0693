// JSON Lines: one article object per line (PRODUCT.md section 1).
#pragma once

#include <string_view>

#include "ingest/article_sink.h"
#include "ingest/byte_source.h"

namespace dateline {

// Reads every line of `source` as one article, reporting each to `sink`. `file_name` is used in
// locations. Blank lines are ignored. A line is a bad record when it is not valid JSON, not an
// object, holds invalid UTF-8 or a NUL byte (unless options.repair_utf8), is longer than
// options.max_record_bytes, has neither title nor body, or has an id that is neither a string
// nor a number. Throws InputError only when the stream itself fails (e.g. corrupt gzip).
void read_jsonl(ByteSource& source, std::string_view file_name, const ReaderOptions& options,
                ArticleSink& sink);

}  // namespace dateline
