// indexer: reads articles and writes them into a Dateline database (PRODUCT.md section 3).
// Flags in, library calls, progress and summary out; everything else lives in common/.
#include <unistd.h>

#include <dateline/index.h>
#include <dateline/indexing.h>

#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "dateline_cli.h"
#include "terminal_observer.h"

namespace {

using dateline::cli::When;

struct Flags {
  std::string db;
  std::vector<std::string> paths;
  dateline::IndexingOptions options;
  double commit_mb = static_cast<double>(dateline::kDefaultCommitBytes) / (1 << 20);
  double max_record_mb =
      static_cast<double>(dateline::ReaderOptions{}.max_record_bytes) / (1 << 20);
  When progress = When::kAuto;
  bool compact = false;
  bool report_json = false;
};

void add_input_flags(CLI::App& app, Flags& f) {
  dateline::cli::add_enum_option(app, "--format", f.options.format,
                                 "Input format; auto tells it from each file's name");
  app.add_option("--lang", f.options.index.default_lang,
                 "Language (BCP 47) of articles without one when detection is unsure")
      ->default_str(std::string(dateline::kDefaultLang));
  app.add_flag("--strict", f.options.strict, "Stop at the first bad record and commit nothing");
  app.add_flag("--repair", f.options.reader.repair_utf8,
               "Replace invalid UTF-8 with U+FFFD (with a warning) instead of skipping the record");
  app.add_option("--max-record-mb", f.max_record_mb,
                 "Records (JSON lines, files) larger than this are skipped as bad")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 4096.0));
  app.add_option("PATH", f.paths, "Files, folders, or - for JSON Lines on stdin");
}

void add_writing_flags(CLI::App& app, Flags& f) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("--delete", f.options.delete_ids, "Remove the article with this id (repeatable)");
  app.add_option("--shards", f.options.index.shards,
                 "Shards for a new database, kept as shards (default: one per thread, written in "
                 "parallel and merged into one database at the end; an existing one keeps its own)")
      ->check(CLI::Range(1, 256));
  app.add_option("--threads", f.options.index.threads, "Threads writing shards in parallel")
      ->default_val(cores)
      ->check(CLI::Range(1, 256));
  app.add_option("--story-window", f.options.index.story_window_days,
                 "Days: no story (near copies of one article) spans articles further apart")
      ->capture_default_str()
      ->check(CLI::Range(0, 3650));
  app.add_flag("!--no-stories", f.options.index.stories,
               "Detect no stories: every article stands alone when searching");
  app.add_flag("--compact", f.compact,
               "Afterwards, merge the database (all shards) into one compact database");
  app.add_option("--commit-mb", f.commit_mb, "Commit after this many MB of article text")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 65536.0));
}

void add_output_flags(CLI::App& app, Flags& f) {
  app.add_flag("--verbose", f.options.verbose, "Also name each file of a folder that is not read");
  dateline::cli::add_enum_option(app, "--progress", f.progress,
                                 "Progress line on stderr; auto: when it is a terminal");
  app.add_option_function<std::string>(
         "--report", [&f](const std::string&) { f.report_json = true; },
         "Also print the summary on stdout in this format")
      ->check(CLI::IsMember({"json"}));
}

int index(Flags& f) {
  if (f.paths.empty() && f.options.delete_ids.empty() && !f.compact) {
    throw CLI::ValidationError("PATH",
                               "give at least one PATH to index (or --delete ID, or --compact)");
  }
  f.options.index.commit_bytes = static_cast<std::uint64_t>(f.commit_mb * (1 << 20));
  f.options.reader.max_record_bytes = static_cast<std::size_t>(f.max_record_mb * (1 << 20));
  const bool on_terminal = isatty(STDERR_FILENO);
  const bool show_progress =
      f.progress == When::kAlways || (f.progress == When::kAuto && on_terminal);
  TerminalObserver observer(show_progress, on_terminal);
  TerminalObserver::watch_interrupts();
  const dateline::IndexSummary summary = dateline::run_indexing(f.db, f.paths, f.options, observer);
  observer.clear_progress();
  std::cerr << summary.to_text() << '\n';
  if (f.report_json && summary.interrupted) std::cout << summary.to_json() << std::endl;
  if (summary.interrupted) return dateline::cli::kExitInterrupted;
  if (f.compact && !summary.aborted && !summary.merged) {  // merged: compact already
    dateline::compact_database(f.db);
    std::cerr << "compacted " << f.db << " into one database\n";
  }
  if (f.report_json) std::cout << summary.to_json() << std::endl;
  if (summary.aborted) return dateline::cli::kExitError;
  return summary.skipped > 0 ? dateline::cli::kExitPartial : dateline::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file-size limit, write() should fail with EFBIG, to be reported like a full disk
  // (exit 2, the last commit kept), instead of the signal killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Index news articles (JSON Lines, plain text, HTML) into a Dateline database.",
               "indexer"};
  app.set_version_flag("--version", "indexer (Dateline) 0.1.0");
  Flags flags;
  dateline::cli::add_db_option(app, flags.db, "Database folder (created when absent)");
  add_input_flags(app, flags);
  add_writing_flags(app, flags);
  add_output_flags(app, flags);
  // With --report json a program reads stdout: a fatal error is a JSON object there too.
  const auto report_error = [&flags](std::string_view message) {
    if (flags.report_json) {
      std::cout << nlohmann::json{{"error", message}}.dump() << '\n';
    }
  };
  return dateline::cli::run(
      app, argc, argv, [&] { return index(flags); }, report_error);
}
