// What the indexer shows on stderr while it runs: diagnostics, and a progress line. On a
// terminal the line is redrawn in place and diagnostics do not tear it; into a file or a pipe
// it is a plain line every few seconds, without control characters.
#pragma once

#include <dateline/indexing.h>

#include <chrono>
#include <string_view>

class TerminalObserver final : public dateline::IndexingObserver {
 public:
  TerminalObserver(bool show_progress, bool on_terminal)
      : show_progress_(show_progress), on_terminal_(on_terminal) {}

  void on_diagnostic(std::string_view line, bool is_error) override;
  void on_progress(const dateline::IndexProgress& progress) override;
  // True once SIGINT or SIGTERM arrived (see watch_interrupts).
  bool stop_requested() override;
  // Erases the progress line, if one is shown.
  void clear_progress();

  // From now on the first SIGINT or SIGTERM asks the run to stop (and commit what it read);
  // a second one ends the process at once.
  static void watch_interrupts();
  static bool interrupted();

 private:
  bool show_progress_;
  bool on_terminal_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_plain_line_{};
};
