#include "dateline/indexing.h"

#include <chrono>

#include "index/diagnostic_budget.h"
#include "index/shard_layout.h"
#include "index/sharded_writer.h"
#include "ingest/input_files.h"
#include "util/error_edge.h"

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

  void on_article(Article&& article, const Location&) override {
    writer_.add(std::move(article));
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

  bool stop_requested() const override { return stop_; }

  void report_progress(bool force = false) {
    const auto now = Clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(250)) return;
    last_report_ = now;
    progress_.articles = writer_.counts().articles();
    progress_.bytes_done = bytes_before_ + file_bytes_;
    progress_.seconds = seconds_since(start_);
    observer_.on_progress(progress_);
  }

 private:
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
  DiagnosticBudget diagnostics_;
  bool stop_ = false;
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

IndexSummary run(const std::string& db_path, const std::vector<std::string>& paths,
                 const IndexingOptions& options, IndexingObserver& observer) {
  const auto start = Clock::now();
  const std::vector<InputFile> files = list_input_files(paths, options.format);
  IndexOptions settings = options.index;
  if (options.strict) settings.commit_bytes = 0;  // all or nothing: commit only at the end
  ShardedWriter writer(open_shard_layout(db_path, settings.shards), settings);

  IndexSummary summary;
  WritingSink sink(writer, options, observer, summary);
  read_inputs(files, options, sink, summary);
  if (sink.stop_requested()) {
    writer.abandon();
    static_cast<IndexCounts&>(summary) = IndexCounts{};  // nothing of it was committed
    summary.aborted = true;
  } else {
    complete(writer, options, observer, summary);
  }
  sink.report_progress(true);
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
