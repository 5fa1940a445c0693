#include "dateline/indexing.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "dateline/errors.h"
#include "dateline/index.h"
#include "index/database_folder.h"
#include "index/diagnostic_budget.h"
#include "index/shard_layout.h"
#include "index/sharded_writer.h"
#include "ingest/input_files.h"
#include "util/error_edge.h"
#include "util/hash.h"

namespace dateline {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Receives the readers' output and hands each article to the writer.
class WritingSink final : public ArticleSink {
 public:
  WritingSink(ShardedWriter& writer, const IndexingOptions& options, IndexingObserver& observer,
              IndexSummary& summary)
      : writer_(writer), options_(options), observer_(observer), summary_(summary) {}

  void start_file(std::string_view name, std::uint64_t bytes_before) {
    report_hidden(diagnostics_.start_file(name));
    bytes_before_ = bytes_before;
    file_bytes_ = 0;
  }
  void finish_files() { report_hidden(diagnostics_.finish_file()); }
  std::uint64_t file_bytes() const { return file_bytes_; }
  void set_total(std::uint64_t total) { progress_.bytes_total = total; }

  void on_article(Article&& article, const Location& where) override {
    warn_if_repeated(article.id, where);
    writer_.add(std::move(article));
    ++articles_read_;
    report_progress();
  }

  void on_bad_record(const Location& where, std::string_view reason) override {
    ++summary_.skipped;
    if (diagnostics_.admit(reason)) observer_.on_diagnostic(format(where, reason), true);
    if (options_.strict) stop_ = true;
  }

  void on_warning(const Location& where, std::string_view message) override {
    ++summary_.warnings;
    if (diagnostics_.admit(message)) {
      observer_.on_diagnostic(format(where, std::string("warning: ").append(message)), false);
    }
  }

  void on_progress(std::uint64_t file_bytes_read) override { file_bytes_ = file_bytes_read; }

  bool stop_requested() const override {
    if (!stop_ && !interrupted_ && observer_.stop_requested()) interrupted_ = true;
    return stop_ || interrupted_;
  }
  bool interrupted() const { return interrupted_; }
  bool aborted() const { return stop_; }

  // The last commit is about to start: say so, as it can take seconds.
  void report_committing() {
    progress_.phase = IndexProgress::Phase::kCommitting;
    report_progress(true);
  }

  void report_progress(bool force = false) {
    const auto now = Clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(250)) return;
    last_report_ = now;
    // Read, not yet written: writer threads may still hold some in their queues.
    progress_.articles = articles_read_;
    progress_.bytes_done = bytes_before_ + file_bytes_;
    progress_.seconds = seconds_since(start_);
    observer_.on_progress(progress_);
  }

 private:
  // An id given twice in one run: the later article replaces the earlier, which the user
  // should hear about (two different articles under one id is a mistake of the input).
  void warn_if_repeated(const std::string& id, const Location& where) {
    if (where.file.empty()) return;  // the library's own calls: no places to name
    if (files_.empty() || files_.back() != where.file) files_.emplace_back(where.file);
    const Place here{.file = static_cast<std::uint32_t>(files_.size() - 1), .line = where.line};
    const auto [seen, first_time] = places_.try_emplace(hash64(id), here);
    if (first_time) return;
    const Place before = seen->second;
    seen->second = here;
    const std::string earlier = before.file == here.file
                                    ? "line " + std::to_string(before.line)
                                    : Location{files_[before.file], before.line}.to_string();
    on_warning(where, "id " + id + " repeats " + earlier + "; the later one is kept");
  }

  void report_hidden(const std::string& summary) {
    if (!summary.empty()) observer_.on_diagnostic(summary, false);
  }
  static std::string format(const Location& where, std::string_view message) {
    std::string line = where.to_string();
    if (!line.empty()) line += ": ";
    line.append(message);
    return line;
  }

  ShardedWriter& writer_;
  const IndexingOptions& options_;
  IndexingObserver& observer_;
  IndexSummary& summary_;
  IndexProgress progress_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_report_ = Clock::now();
  std::uint64_t bytes_before_ = 0;
  std::uint64_t file_bytes_ = 0;
  std::uint64_t articles_read_ = 0;
  DiagnosticBudget diagnostics_;
  bool stop_ = false;                 // --strict met a bad record
  mutable bool interrupted_ = false;  // the observer asked to stop
  struct Place {
    std::uint32_t file = 0;  // index into files_
    std::uint64_t line = 0;
  };
  std::vector<std::string> files_;                   // the files read so far, in order
  std::unordered_map<std::uint64_t, Place> places_;  // hash of each id read -> where, last
};

// Reads every file into the writer, in order, until the sink asks to stop.
void read_inputs(const std::vector<InputFile>& files, const IndexingOptions& options,
                 WritingSink& sink, IndexSummary& summary) {
  std::uint64_t total = 0;
  for (const InputFile& file : files) total += file.size;
  sink.set_total(total);
  for (const InputFile& file : files) {
    if (sink.stop_requested()) break;
    sink.start_file(file.path, summary.bytes_read);
    read_input_file(file, options.reader, sink);
    summary.bytes_read += std::max(sink.file_bytes(), file.size);
  }
  sink.finish_files();
}

// The deletions, the last commit, and the counts of what was written.
void complete(ShardedWriter& writer, const IndexingOptions& options, IndexingObserver& observer,
              IndexSummary& summary) {
  for (const std::string& id : options.delete_ids) writer.remove(id);
  writer.finish();
  static_cast<IndexCounts&>(summary) = writer.counts();
  for (const std::string& id : writer.missing_ids()) {
    observer.on_diagnostic("warning: --delete " + id + ": no article with this id", false);
    ++summary.warnings;
  }
}

// A database inside a folder being indexed would be read as input on the next run (and its
// files listed as ignored on this one): refuse it before anything is written.
void refuse_database_among_inputs(const std::string& db_path,
                                  const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path db = fs::weakly_canonical(fs::absolute(db_path, ec), ec);
  for (const std::string& given : paths) {
    if (given == "-" || !fs::is_directory(given, ec)) continue;
    const fs::path folder = fs::weakly_canonical(fs::absolute(given, ec), ec);
    const auto [end, unused] = std::mismatch(folder.begin(), folder.end(), db.begin(), db.end());
    if (end == folder.end()) {
      throw UsageError("the database " + db_path + " is inside the input folder " + given +
                       ": give it a place of its own");
    }
  }
}

// Files the folders held but no reader takes, and links that lead back into a folder.
void report_listing(const InputListing& listing, const IndexingOptions& options,
                    IndexingObserver& observer, IndexSummary& summary) {
  summary.files_ignored = listing.ignored.size();
  if (options.verbose) {
    for (const std::string& path : listing.ignored) {
      observer.on_diagnostic(
          path + ": not read (not .jsonl, .txt or .html; --format reads it as one)", false);
    }
  }
  for (const std::string& path : listing.loops) {
    observer.on_diagnostic(path + ": warning: a link to a folder already being read; not followed",
                           false);
    ++summary.warnings;
  }
}

IndexSummary run(const std::string& db_path, const std::vector<std::string>& paths,
                 const IndexingOptions& options, IndexingObserver& observer) {
  const auto start = Clock::now();
  refuse_database_among_inputs(db_path, paths);
  const InputListing listing = list_inputs(paths, options.format);
  const std::vector<InputFile>& files = listing.files;
  IndexOptions settings = options.index;
  if (options.strict) settings.commit_bytes = 0;  // all or nothing: commit only at the end
  // The automatic layout (no shard count asked for, several threads): a new database is
  // written as one shard per thread, in parallel, and merged into one compact database when a
  // run completes. On reuters21578 with 2 cores: 0.43x the wall time of one writer, half the
  // disk, and searches open one database (docs/benchmarks.md).
  const bool automatic = settings.shards == 0 && settings.threads > 1;
  recover_moved_aside(db_path);  // a swap of an older version killed midway: not a new database
  const bool parallel_new = automatic && holds_no_database(db_path);
  if (parallel_new) settings.shards = settings.threads;

  IndexSummary summary;
  {
    ShardedWriter writer(open_shard_layout(db_path, settings.shards), settings);
    if (parallel_new) mark_merge_pending(db_path);
    report_listing(listing, options, observer, summary);
    WritingSink sink(writer, options, observer, summary);
    read_inputs(files, options, sink, summary);
    if (sink.aborted()) {
      writer.abandon();
      static_cast<IndexCounts&>(summary) = IndexCounts{};  // nothing of it was committed
      summary.aborted = true;
    } else {
      summary.interrupted = sink.interrupted();
      sink.report_committing();
      complete(writer, options, observer, summary);
    }
  }  // the writer's lock is released: the merge takes it again
  if (automatic && merge_pending(db_path) && !summary.aborted && !summary.interrupted) {
    compact_database(db_path);
    clear_merge_pending(db_path);
    summary.merged = true;
  }
  summary.seconds = seconds_since(start);
  return summary;
}

}  // namespace

IndexSummary run_indexing(const std::string& db_path, const std::vector<std::string>& paths,
                          const IndexingOptions& options, IndexingObserver& observer) {
  return at_api_edge<DatabaseError>(db_path,
                                    [&] { return run(db_path, paths, options, observer); });
}

}  // namespace dateline
