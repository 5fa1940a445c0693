// What an indexing run did, for the summary line and `--report json`.
#pragma once

#include <cstdint>
#include <string>

#include "dateline/export.h"
#include "dateline/index.h"

namespace dateline {

struct DATELINE_API IndexSummary : IndexCounts {
  std::uint64_t skipped = 0;  // bad records (and unreadable files)
  std::uint64_t warnings = 0;
  std::uint64_t files_ignored = 0;  // files of other types in the folders given (.json, .md, ...)
  std::uint64_t bytes_read = 0;     // input bytes (compressed size for compressed files)
  double seconds = 0;
  bool aborted = false;      // --strict met a bad record: nothing from the run was committed
  bool interrupted = false;  // the observer asked to stop: what was read is committed
  bool merged = false;       // written as parallel shards, then merged into one database

  double articles_per_second() const;
  double mb_per_second() const;

  // One JSON object with the keys of PRODUCT.md section 3.
  std::string to_json() const;
  // "added 10, updated 0, ... in 1.2 s (8 articles/s, 0.1 MB/s)"
  std::string to_text() const;
};

}  // namespace dateline
