// One run of the indexer: read every input, write every good article, delete what is asked,
// count everything. The indexer's main() is flags around this.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "article_sink.h"
#include "index_summary.h"
#include "index_writer.h"
#include "input_files.h"

namespace dateline {

struct IndexingOptions {
  InputFormat format = InputFormat::kAuto;
  ReaderOptions reader;
  IndexWriterOptions writer;
  bool strict = false;  // stop at the first bad record and commit nothing
  std::vector<std::string> delete_ids;
  std::size_t shards = 0;   // for a new database (0: 1); an existing one keeps its own
  std::size_t threads = 1;  // threads writing shards in parallel (at most one per shard)
};

struct IndexProgress {
  std::uint64_t articles = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;  // 0 when unknown (stdin)
  double seconds = 0;
};

// Told what happens during a run, on the thread that called run_indexing().
class IndexingObserver {
 public:
  virtual ~IndexingObserver() = default;
  // A bad record or a warning, as one line "FILE:LINE: message".
  virtual void on_diagnostic(std::string_view line, bool is_error) = 0;
  // Called every few hundred milliseconds.
  virtual void on_progress(const IndexProgress& /*progress*/) {}
};

// Indexes `paths` into the database at `db_path`, then applies options.delete_ids. Bad records
// are reported and counted; fatal problems (database cannot be opened or written, an input path
// does not exist) throw DatabaseError or InputError, with everything committed before kept.
IndexSummary run_indexing(const std::string& db_path, const std::vector<std::string>& paths,
                          const IndexingOptions& options, IndexingObserver& observer);

}  // namespace dateline
