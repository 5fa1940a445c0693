#include "batch.h"

#include <dateline/errors.h>

#include <fstream>

#include "dateline_cli.h"

int run_batch(const BatchSettings& batch, const OutputSettings& output,
              dateline::SearchRequest request, dateline::Searcher& searcher) {
  std::ifstream in(batch.file);
  if (!in) throw dateline::InputError(batch.file + ": cannot open");
  std::ofstream timings;
  if (!batch.timings_file.empty()) {
    timings.open(batch.timings_file);
    if (!timings) throw dateline::InputError(batch.timings_file + ": cannot write");
  }
  bool any_hits = false;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line.starts_with('#')) continue;
    const std::string where = batch.file + ":" + std::to_string(number) + ": ";
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      // Run as a query, a line of notes or a qid alone would print hits nobody asked for.
      throw dateline::UsageError(where + "no tab: give qid<TAB>query (# starts a comment)");
    }
    const std::string qid = line.substr(0, tab);
    request.query = line.substr(tab + 1);
    const auto results = searcher.search(request);
    print_results(output, request, results, qid, where);
    if (timings) timings << qid << '\t' << results.took_ms << '\n';
    any_hits = any_hits || exit_status_of(results) == dateline::cli::kExitOk;
  }
  return any_hits ? dateline::cli::kExitOk : dateline::cli::kExitPartial;
}
