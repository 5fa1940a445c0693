// One run of the indexer over files, folders or stdin: read every input, write every good
// article, delete what is asked, count everything. The indexer's main() is flags around this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/export.h"
#include "dateline/index.h"
#include "dateline/index_summary.h"
#include "dateline/names.h"

namespace dateline {

enum class InputFormat { kAuto, kJsonl, kText, kHtml };

template <>
struct Names<InputFormat> {
  static constexpr std::string_view kNames = "auto jsonl text html";
  static constexpr std::string_view kAliases = "txt=text htm=html ndjson=jsonl";
};

// Settings every reader shares.
struct ReaderOptions {
  bool repair_utf8 = false;                  // U+FFFD for invalid sequences instead of skipping
  std::size_t max_record_bytes = 16u << 20;  // a longer JSON line or file is a bad record
};

struct IndexingOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: from each file's name
  ReaderOptions reader{};
  IndexOptions index{};
  bool strict = false;  // stop at the first bad record and commit nothing
  std::vector<std::string> delete_ids{};
  bool verbose = false;  // also name each file of a folder that is not read (other types)
};

struct IndexProgress {
  // Reading the input, or making what was read durable (the last commit can take seconds).
  enum class Phase { kReading, kCommitting };
  Phase phase = Phase::kReading;
  std::uint64_t articles = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;  // 0 when unknown (stdin)
  double seconds = 0;
};

// Told what happens during a run, on the thread that called run_indexing().
class DATELINE_API IndexingObserver {
 public:
  virtual ~IndexingObserver() = default;
  // A bad record or a warning, as one line "FILE:LINE: message".
  virtual void on_diagnostic(std::string_view line, bool is_error) = 0;
  // Called every few hundred milliseconds, and once as the last commit begins.
  virtual void on_progress(const IndexProgress& /*progress*/) {}
  // Asked between records: true stops reading (Ctrl-C). What was read is committed and the
  // summary says the run was interrupted; running it again indexes the rest.
  virtual bool stop_requested() { return false; }
};

// Indexes `paths` (files, folders, "-" for JSON Lines on stdin) into the database at
// `db_path`, then applies options.delete_ids. Bad records are reported and counted; fatal
// problems (the database cannot be opened or written, an input path does not exist) throw
// DatabaseError or InputError, with everything committed before kept.
DATELINE_API IndexSummary run_indexing(const std::string& db_path,
                                       const std::vector<std::string>& paths,
                                       const IndexingOptions& options, IndexingObserver& observer);

}  // namespace dateline
