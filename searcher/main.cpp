// searcher: ranked search over a Dateline database (PRODUCT.md section 4).
// Flags in, library calls, rendering out; everything else lives in common/.
#include <dateline/search.h>

#include <csignal>
#include <iostream>

#include "batch.h"
#include "dateline_cli.h"
#include "output.h"
#include "serve.h"

namespace {

using dateline::cli::kExitError;

struct Flags {
  std::string db;
  dateline::SearchRequest request;
  OutputSettings output;
  BatchSettings batch;
  std::string listen = "127.0.0.1:8080";
  dateline::ServerOptions server;
  bool collapse_given = false;
};

void add_query_flags(CLI::App& app, Flags& f) {
  dateline::SearchRequest& r = f.request;
  app.add_option("--limit", r.limit, "Hits to show")->capture_default_str();
  app.add_option("--offset", r.offset, "Hits to skip")->capture_default_str();
  dateline::cli::add_enum_option(app, "--sort", r.sort, "Order of the hits");
  app.add_option_function<std::vector<std::string>>(
         "--facet",
         [&r](const std::vector<std::string>& names) {
           for (const auto& name : names) {
             r.facets.push_back(*dateline::parse_name<dateline::FacetField>(name));
           }
         },
         "Count hits by this field (repeatable; " + dateline::names_list<dateline::FacetField>() +
             ")")
      ->check(CLI::IsMember(dateline::names_of<dateline::FacetField>()))
      ->allow_extra_args(false);
  app.add_option("--snippet-chars", r.snippet_chars, "Snippet length in characters")
      ->capture_default_str();
  app.add_option("--lang", r.lang,
                 "Language of the query (BCP 47); default: every language of the database");
  app.add_option("--like", r.like_id, "Articles like the one with this id");
  app.add_option("--time-limit-ms", r.time_limit_ms,
                 "Stop after this long with the best hits found so far, marked partial (0: none)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  dateline::cli::add_enum_option(app, "--collapse", r.collapse,
                                 "One hit per story (near copies of one article), or every "
                                 "article; --format trec: none unless given")
      ->each([&f](const std::string&) { f.collapse_given = true; });
  app.add_option_function<std::string>(
         "--timeline",
         [&r](const std::string& name) {
           r.timeline = *dateline::parse_name<dateline::TimelinePeriod>(name);
         },
         "Count matching articles and stories per period (" +
             dateline::names_list<dateline::TimelinePeriod>() + ")")
      ->check(CLI::IsMember(dateline::names_of<dateline::TimelinePeriod>()));
  app.add_option_function<std::string>(
         "--recency",
         [&r](const std::string& text) {
           r.recency_half_life_days = *dateline::parse_half_life_days(text);
         },
         "Blend relevance with age: HALF_LIFE such as 12h, 7d, 2w, 1y")
      ->check(CLI::Validator(
          [](std::string& text) {
            return dateline::parse_half_life_days(text) ? std::string()
                                                        : "give a half-life such as 7d";
          },
          "HALF_LIFE", ""));
  app.add_option("--now", r.now,
                 "With --recency: the date of age 0 (default: the newest article's)");
  dateline::cli::add_enum_option(app, "--feedback", r.feedback,
                                 "Reorder hits by the telling words of the best ones (auto: for "
                                 "queries of 4 or more plain words)");
}

void add_output_flags(CLI::App& app, Flags& f) {
  dateline::cli::add_enum_option(app, "--format", f.output.format, "Output format");
  dateline::cli::add_enum_option(app, "--color", f.output.color,
                                 "Highlight with colour; auto: on a terminal, unless NO_COLOR");
  app.add_flag("--pretty", f.output.pretty, "Indent JSON for reading (default: one line)");
  app.add_flag("--count", f.output.count_only, "Print only the exact number of matching articles");
  app.add_option("--highlight-tags", f.output.highlight_tags,
                 "OPEN,CLOSE: JSON also gives snippets and titles with highlights marked so "
                 "(\"marked\", \"title_marked\"), e.g. '<b>,</b>'")
      ->check([](const std::string& tags) {
        return tags.find(',') == std::string::npos ? "give OPEN,CLOSE, e.g. '<b>,</b>'" : "";
      });
  app.add_option("--batch", f.batch.file,
                 "Run every qid<TAB>query line of this file (# and blank lines skipped)");
  app.add_option("--timings", f.batch.timings_file,
                 "With --batch: write qid<TAB>milliseconds here");
}

CLI::App* add_serve_command(CLI::App& app, Flags& f) {
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the HTTP JSON API (/search, /doc/ID, /health) and a search page (/)");
  serve->add_option("--listen", f.listen, "HOST:PORT to listen on")->capture_default_str();
  serve
      ->add_option("--threads", f.server.threads,
                   "Threads that run searches (0: two per core); connections need none")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  serve
      ->add_option("--time-limit-ms", f.server.query_time_limit_ms,
                   "A search stops after this long with the best hits so far, marked partial")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  return serve;
}

// The query: every word after the flags, dashes included ("+opec price -saudi").
void take_query(const CLI::App& app, dateline::SearchRequest& request) {
  std::vector<std::string> words = app.remaining();
  if (!words.empty() && words[0] == "--") words.erase(words.begin());
  if (!words.empty() && words[0].starts_with("--")) {
    throw CLI::ExtrasError("unknown option " + words[0] + " (a query comes after the flags)",
                           CLI::ExitCodes::ExtrasError);
  }
  for (const auto& word : words) request.query += (request.query.empty() ? "" : " ") + word;
}

int search(const CLI::App& app, const CLI::App& serve_command, Flags& f) {
  if (serve_command.parsed()) {
    if (!parse_listen(f.listen, f.server)) {
      throw CLI::ValidationError("--listen", "give HOST:PORT, e.g. 127.0.0.1:8080");
    }
    return serve(f.db, f.server);
  }
  take_query(app, f.request);
  const bool blank = f.request.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && f.request.like_id.empty() && f.batch.file.empty()) {
    throw CLI::ValidationError("QUERY", "give a query (or --like ID, or --batch FILE)");
  }
  if (!f.batch.timings_file.empty() && f.batch.file.empty()) {
    throw CLI::ValidationError("--timings", "only with --batch");
  }
  if (f.output.count_only) {
    f.request.exact_count = true;
    f.request.collapse = dateline::Collapse::kNone;  // the number of articles: nothing to group
    f.request.limit = 0;
  }
  // Evaluation counts every judged article: TREC runs are not collapsed unless asked.
  if (f.output.format == dateline::OutputFormat::kTrec && !f.collapse_given) {
    f.request.collapse = dateline::Collapse::kNone;
  }
  // Only JSON and JSON Lines list a story's versions.
  f.request.story_versions = f.output.format == dateline::OutputFormat::kJson ||
                             f.output.format == dateline::OutputFormat::kJsonl;
  dateline::Searcher searcher(f.db);
  if (!f.batch.file.empty()) return run_batch(f.batch, f.output, f.request, searcher);
  const auto results = searcher.search(f.request);
  print_results(f.output, f.request, results, "", "");
  std::cout.flush();
  return exit_status_of(results);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe (| head) is a failed write, not a crash
  CLI::App app{"Search a Dateline database. Query syntax: see the README.", "searcher"};
  app.set_version_flag("--version", "searcher (Dateline) 0.1.0");
  Flags flags;
  dateline::cli::add_db_option(app, flags.db, "Database folder or stub file");
  add_query_flags(app, flags);
  add_output_flags(app, flags);
  CLI::App* serve_command = add_serve_command(app, flags);
  app.prefix_command();  // words after the first query word are the query, dashes included
  serve_command->prefix_command(false);
  return dateline::cli::run(app, argc, argv, [&] { return search(app, *serve_command, flags); });
}
