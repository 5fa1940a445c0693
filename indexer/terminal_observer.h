// What the indexer shows on stderr while it runs: diagnostics, and on a terminal a progress
// line that diagnostics do not tear.
#pragma once

#include <dateline/indexing.h>

#include <string_view>

class TerminalObserver final : public dateline::IndexingObserver {
 public:
  explicit TerminalObserver(bool show_progress) : show_progress_(show_progress) {}

  void on_diagnostic(std::string_view line, bool is_error) override;
  void on_progress(const dateline::IndexProgress& progress) override;
  // Erases the progress line, if one is shown.
  void clear_progress();

 private:
  bool show_progress_;
  bool shown_ = false;
};
