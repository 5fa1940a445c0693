// Printing search results on stdout in the chosen format, one query at a time or a batch.
#pragma once

#include <dateline/render.h>
#include <dateline/search.h>

#include <string>

#include "dateline_cli.h"

struct OutputSettings {
  dateline::OutputFormat format = dateline::OutputFormat::kText;
  dateline::cli::When color = dateline::cli::When::kAuto;
  bool pretty = false;         // JSON indented
  bool count_only = false;     // --count: the exact number of matches, nothing else
  std::string highlight_tags;  // "OPEN,CLOSE": JSON also carries marked-up snippets and titles
};

// Whether the search matched anything, as the exit status reports it (0 or 1, as grep's):
// an article matched even if none was printed (--limit 0, an offset past the end).
int exit_status_of(const dateline::SearchResults& results);

// Prints one query's results (`qid` empty outside a batch) and its notes on stderr, each note
// prefixed with `where` ("FILE:LINE: " in a batch).
void print_results(const OutputSettings& settings, const dateline::SearchRequest& request,
                   const dateline::SearchResults& results, const std::string& qid,
                   const std::string& where);
