#include "output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace {

bool use_color(dateline::cli::When when) {
  if (when != dateline::cli::When::kAuto) return when == dateline::cli::When::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

// Columns of the terminal on stdout; 0 when stdout is not a terminal (then lines are not wrapped).
std::size_t terminal_width() {
  winsize size{};
  if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

}  // namespace

int exit_status_of(const dateline::SearchResults& results) {
  return results.lower > 0 ? dateline::cli::kExitOk : dateline::cli::kExitPartial;
}

void print_results(const OutputSettings& settings, const dateline::SearchRequest& request,
                   const dateline::SearchResults& results, const std::string& qid,
                   const std::string& where) {
  using dateline::OutputFormat;
  for (const std::string& note : results.notes) {
    std::cerr << "searcher: note: " << where << note << '\n';
  }
  if (settings.count_only) {
    std::cout << (qid.empty() ? "" : qid + "\t") << results.lower << '\n';
    return;
  }
  dateline::RenderOptions render{.color = use_color(settings.color),
                                 .include_timing = true,
                                 .width = terminal_width(),
                                 .pretty = settings.pretty};
  if (const auto comma = settings.highlight_tags.find(','); comma != std::string::npos) {
    render.markup = dateline::HighlightMarkup{.open = settings.highlight_tags.substr(0, comma),
                                              .close = settings.highlight_tags.substr(comma + 1),
                                              .escape_html = false};
  }
  switch (settings.format) {
    case OutputFormat::kJson:
      std::cout << dateline::render_json(results, request, render, qid) << '\n';
      break;
    case OutputFormat::kJsonl:
      std::cout << dateline::render_jsonl(results, request, render, qid);
      break;
    case OutputFormat::kIds:
      std::cout << dateline::render_ids(results);
      break;
    case OutputFormat::kTrec:
      std::cout << dateline::render_trec(results, qid);
      break;
    case OutputFormat::kText:
      if (!qid.empty()) std::cout << "== " << qid << ": " << results.query << "\n";
      std::cout << dateline::render_text(results, render);
      if (results.suggestion) std::cout << "did you mean: " << *results.suggestion << "\n";
      break;
  }
}
