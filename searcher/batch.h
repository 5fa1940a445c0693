// --batch FILE: every `qid<TAB>query` line of FILE searched in this one process.
#pragma once

#include <dateline/search.h>

#include <string>

#include "output.h"

struct BatchSettings {
  std::string file;          // the queries
  std::string timings_file;  // if set: qid<TAB>milliseconds per query written here
};

// Runs the batch with `request` as the template of every query; returns the exit status
// (0 when any query matched, 1 when none did). Throws dateline::Error.
int run_batch(const BatchSettings& batch, const OutputSettings& output,
              dateline::SearchRequest request, dateline::Searcher& searcher);
