// indexer: reads articles and writes them into a Dateline database (PRODUCT.md section 3).
// Flags in, library calls, progress and summary out; everything else lives in common/.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <dateline/errors.h>
#include <dateline/index.h>
#include <dateline/indexing.h>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSkipped = 1;
constexpr int kExitError = 2;

// Prints diagnostics and, on a terminal, a progress line that diagnostics do not tear.
class TerminalObserver final : public dateline::IndexingObserver {
 public:
  explicit TerminalObserver(bool show_progress) : show_progress_(show_progress) {}

  void on_diagnostic(std::string_view line, bool /*is_error*/) override {
    clear_progress();
    std::cerr << line << '\n';
  }

  void on_progress(const dateline::IndexProgress& p) override {
    if (!show_progress_) return;
    const double mb = static_cast<double>(p.bytes_done) / 1e6;
    const double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
    std::fprintf(stderr, "\r\033[K%llu articles  %.1f MB  %.0f articles/s",
                 static_cast<unsigned long long>(p.articles), mb, rate);
    if (p.bytes_total > 0 && p.bytes_done > 0 && p.bytes_done < p.bytes_total) {
      const double eta = p.seconds * static_cast<double>(p.bytes_total - p.bytes_done) /
                         static_cast<double>(p.bytes_done);
      std::fprintf(stderr, "  ETA %d:%02d", static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    }
    std::fflush(stderr);
    shown_ = true;
  }

  void clear_progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  bool show_progress_;
  bool shown_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  // Past a file-size limit, write() should fail with EFBIG, to be reported like a full disk
  // (exit 2, the last commit kept), instead of the signal killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Index news articles (JSON Lines, plain text, HTML) into a Dateline database."};
  app.set_version_flag("--version", "indexer (Dateline) 0.1.0");

  std::string db;
  std::string format = "auto";
  std::string progress = "auto";
  std::string report;
  std::vector<std::string> paths;
  dateline::IndexingOptions options;
  double commit_mb = 32;
  double max_record_mb = 16;

  app.add_option("--db", db, "Database folder (created when absent)")->required();
  app.add_option("--format", format, "Input format: auto (from the file name), jsonl, text, html")
      ->check(CLI::IsMember({"auto", "jsonl", "text", "html"}));
  app.add_option("--lang", options.index.default_lang,
                 "Language (BCP 47) for articles without one when detection is unsure")
      ->default_val("en");
  app.add_option("--delete", options.delete_ids, "Remove the article with this id (repeatable)");
  app.add_option("--shards", options.index.shards,
                 "Shards for a new database, written in parallel (an existing one keeps its own)")
      ->check(CLI::Range(1, 256));
  app.add_option("--threads", options.index.threads, "Threads writing shards in parallel")
      ->default_val(std::thread::hardware_concurrency() ? std::thread::hardware_concurrency() : 1)
      ->check(CLI::Range(1, 256));
  bool compact = false;
  app.add_flag("--compact", compact,
               "Afterwards, merge the database (all shards) into one compact database");
  app.add_flag("--strict", options.strict, "Stop at the first bad record and commit nothing");
  app.add_flag("--repair", options.reader.repair_utf8,
               "Replace invalid UTF-8 with U+FFFD (with a warning) instead of skipping the record");
  app.add_option("--progress", progress,
                 "Progress line on stderr: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--report", report, "Print the summary on stdout in this format")
      ->check(CLI::IsMember({"json"}));
  app.add_option("--commit-mb", commit_mb, "Commit after this many MB of article text")
      ->default_val(32)
      ->check(CLI::PositiveNumber);
  app.add_option("--max-record-mb", max_record_mb,
                 "Records (JSON lines, files) larger than this are skipped as bad")
      ->default_val(16)
      ->check(CLI::PositiveNumber);
  app.add_option("PATH", paths, "Files, folders, or - for JSON Lines on stdin");

  try {
    app.parse(argc, argv);
    if (paths.empty() && options.delete_ids.empty() && !compact) {
      throw CLI::ValidationError("PATH",
                                 "give at least one PATH to index (or --delete ID, or --compact)");
    }
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitError;
  }

  options.format = *dateline::parse_name<dateline::InputFormat>(format);
  options.index.default_lang =
      options.index.default_lang.empty() ? "en" : options.index.default_lang;
  options.index.commit_bytes = static_cast<std::uint64_t>(commit_mb * (1 << 20));
  options.reader.max_record_bytes = static_cast<std::size_t>(max_record_mb * (1 << 20));

  const bool show_progress = progress == "always" || (progress == "auto" && isatty(STDERR_FILENO));
  TerminalObserver observer(show_progress);
  try {
    const dateline::IndexSummary summary = dateline::run_indexing(db, paths, options, observer);
    observer.clear_progress();
    std::cerr << summary.to_text() << '\n';
    if (compact && !summary.aborted) {
      dateline::compact_database(db);
      std::cerr << "compacted " << db << " into one database\n";
    }
    if (report == "json") std::cout << summary.to_json() << std::endl;
    if (summary.aborted) return kExitError;
    return summary.skipped > 0 ? kExitSkipped : kExitOk;
  } catch (const std::exception& e) {
    observer.clear_progress();
    std::cerr << "indexer: " << e.what() << '\n';
    return kExitError;
  }
}
