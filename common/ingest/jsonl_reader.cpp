#include "ingest/jsonl_reader.h"

#include <cstring>

#include "ingest/article_rules.h"
#include "ingest/json_article.h"
#include "ingest/line_reader.h"

namespace dateline {
namespace {

std::string megabytes(std::uint64_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return buffer;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

}  // namespace

void read_jsonl(ByteSource& source, std::string_view file_name, const ReaderOptions& options,
                ArticleSink& sink) {
  LineReader lines(source, options.max_record_bytes);
  simdjson::dom::parser parser;
  std::string repaired;
  Line line;
  while (!sink.stop_requested() && lines.next(line)) {
    const Location where{file_name, line.number};
    if (line.too_long) {
      sink.on_bad_record(where, "record of " + megabytes(line.length) + " is over the " +
                                    megabytes(options.max_record_bytes) + " limit");
      continue;
    }
    if (is_blank(line.text)) continue;
    const auto checked = checked_text(line.text, repaired, options, sink, where);
    if (!checked) continue;
    const std::string_view text = *checked;
    simdjson::dom::element root;
    if (auto error = parser.parse(text.data(), text.size()).get(root)) {
      sink.on_bad_record(where, std::string("invalid JSON: ") + simdjson::error_message(error));
      continue;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
      sink.on_bad_record(where, "not a JSON object");
      continue;
    }
    JsonArticleResult result = article_from_json(object);
    if (!result.error.empty()) {
      sink.on_bad_record(where, result.error);
      continue;
    }
    for (const auto& warning : result.warnings) sink.on_warning(where, warning);
    finish_and_deliver(std::move(result.article), where, sink);
    sink.on_progress(source.raw_bytes_read());
  }
}

}  // namespace dateline
