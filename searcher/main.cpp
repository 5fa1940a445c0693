// searcher: ranked search over a Dateline database (PRODUCT.md section 4).
// Flags in, library calls, rendering out; everything else lives in common/.
#include <pthread.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <dateline/render.h>
#include <dateline/search.h>
#include <dateline/server.h>
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

struct Settings {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  dateline::ServerOptions server;
  std::string format = "text";
  std::string color = "auto";
  std::string batch_file;
  std::string timings_file;
  dateline::SearchRequest request;
};

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

// Columns of the terminal on stdout; 0 when stdout is not a terminal (then lines are not wrapped).
std::size_t terminal_width() {
  winsize size{};
  if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

// Prints one query's results in the chosen format.
void print_results(const Settings& s, const dateline::SearchResults& results,
                   const std::string& qid) {
  const dateline::RenderOptions render{
      .color = use_color(s.color), .include_timing = true, .width = terminal_width()};
  if (s.format == "json") {
    std::string json = dateline::render_json(results, s.request, render);
    if (!qid.empty()) {  // in batch mode, one compact object per line
      json = "{\"qid\":\"" + qid + "\"," + json.substr(1);
      std::erase(json, '\n');
    }
    std::cout << json << '\n';
  } else if (s.format == "jsonl") {
    std::cout << dateline::render_jsonl(results, qid);
  } else if (s.format == "ids") {
    std::cout << dateline::render_ids(results);
  } else if (s.format == "trec") {
    std::cout << dateline::render_trec(results, qid);
  } else {
    if (!qid.empty()) std::cout << "== " << qid << ": " << results.query << "\n";
    std::cout << dateline::render_text(results, render);
    if (results.suggestion) std::cout << "did you mean: " << *results.suggestion << "\n";
  }
}

void print_notes(const dateline::SearchResults& results, const std::string& where) {
  for (const std::string& note : results.notes)
    std::cerr << "searcher: note: " << where << note << '\n';
}

int run_one(const Settings& s, dateline::Searcher& searcher) {
  const auto results = searcher.search(s.request);
  print_notes(results, "");
  print_results(s, results, "");
  return results.hits.empty() ? kExitNoHits : kExitHits;
}

// `qid<TAB>query` per line, all in this one process; optional latencies per query.
int run_batch(Settings& s, dateline::Searcher& searcher) {
  std::ifstream in(s.batch_file);
  if (!in) {
    std::cerr << "searcher: " << s.batch_file << ": cannot open\n";
    return kExitError;
  }
  std::ofstream timings;
  if (!s.timings_file.empty()) {
    timings.open(s.timings_file);
    if (!timings) {
      std::cerr << "searcher: " << s.timings_file << ": cannot write\n";
      return kExitError;
    }
  }
  bool any_hits = false;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::size_t tab = line.find('\t');
    std::string qid = tab == std::string::npos ? std::to_string(number) : line.substr(0, tab);
    s.request.query = tab == std::string::npos ? line : line.substr(tab + 1);
    const auto results = searcher.search(s.request);
    print_notes(results, s.batch_file + ":" + std::to_string(number) + ": ");
    print_results(s, results, qid);
    if (timings) timings << qid << '\t' << results.took_ms << '\n';
    any_hits = any_hits || !results.hits.empty();
  }
  return any_hits ? kExitHits : kExitNoHits;
}

// "HOST:PORT" (or ":PORT", or "[v6]:PORT") into the server options; false when malformed.
bool parse_listen(const std::string& listen, dateline::ServerOptions& options) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    return false;
  }
  options.host = host.empty() ? "127.0.0.1" : host;
  options.port = std::stoi(port);
  return true;
}

// Serves until SIGTERM or SIGINT, which a thread of its own waits for; requests under way are
// answered before the server stops.
int run_server(Settings& s) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts

  s.server.access_log = [](std::string_view line) { std::cerr << line << std::endl; };
  dateline::HttpServer server(s.db, s.server);
  std::thread([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cerr << "searcher: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")"
              << std::endl;
    server.stop();
  }).detach();
  std::cerr << "searcher: serving " << s.db << " on http://" << s.server.host << ":"
            << server.port() << "/" << std::endl;
  server.run();
  return kExitHits;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe (| head) is a failed write, not a crash
  CLI::App app{"Search a Dateline database. Query syntax: see the README."};
  app.set_version_flag("--version", "searcher (Dateline) 0.1.0");
  Settings s;
  std::vector<std::string> words, facets;
  std::string sort = "relevance";
  app.add_option("--db", s.db, "Database folder or stub file")->required();
  app.add_option("--limit", s.request.limit, "Hits to show")->default_val(10);
  app.add_option("--offset", s.request.offset, "Hits to skip")->default_val(0);
  app.add_option("--format", s.format, "Output: text, json, jsonl, ids, trec")
      ->check(CLI::IsMember({"text", "json", "jsonl", "ids", "trec"}));
  app.add_option("--sort", sort, "relevance, date (newest first) or -date (oldest first)")
      ->check(CLI::IsMember({"relevance", "date", "-date"}));
  app.add_option("--facet", facets, "Count hits by source, lang, tag or year (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"source", "lang", "tag", "year"}));
  app.add_option("--snippet-chars", s.request.snippet_chars, "Snippet length in characters")
      ->default_val(200);
  app.add_option("--color", s.color, "Highlight with colour: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--lang", s.request.lang,
                 "Language of the query (BCP 47); default: every language of the database");
  app.add_option("--like", s.request.like_id, "Articles like the one with this id");
  std::string feedback = "auto";
  app.add_option("--feedback", feedback,
                 "Reorder hits by the telling words of the best ones: auto (for queries of 4 or "
                 "more plain words), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--batch", s.batch_file, "Run every qid<TAB>query line of this file");
  app.add_option("--timings", s.timings_file, "With --batch: write qid<TAB>milliseconds here");
  app.add_option("QUERY", words, "The query (see the README for the syntax)");
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the HTTP JSON API (/search, /doc/ID, /health) and a search page (/)");
  serve->add_option("--listen", s.listen, "HOST:PORT to listen on")->default_val(s.listen);
  serve->add_option("--threads", s.server.threads, "Requests handled at once")
      ->default_val(s.server.threads)
      ->check(CLI::Range(1, 1024));
  serve
      ->add_option("--time-limit-ms", s.server.query_time_limit_ms,
                   "Matching stops after this long and returns the best hits so far")
      ->default_val(s.server.query_time_limit_ms)
      ->check(CLI::PositiveNumber);
  try {
    app.parse(argc, argv);
    if (serve->parsed()) {
      if (!parse_listen(s.listen, s.server)) {
        throw CLI::ValidationError("--listen", "give HOST:PORT, e.g. 127.0.0.1:8080");
      }
      if (!words.empty() || !s.batch_file.empty()) {
        throw CLI::ValidationError("serve", "takes no QUERY and no --batch");
      }
    }
    for (const auto& w : words) s.request.query += (s.request.query.empty() ? "" : " ") + w;
    const bool blank = s.request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank && s.request.like_id.empty() && s.batch_file.empty() && !serve->parsed()) {
      throw CLI::ValidationError("QUERY", "give a query (or --like ID, or --batch FILE)");
    }
    if (!s.timings_file.empty() && s.batch_file.empty()) {
      throw CLI::ValidationError("--timings", "only with --batch");
    }
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitHits : kExitError;
  }
  s.request.sort = *dateline::parse_name<dateline::SortOrder>(sort);
  s.request.feedback = *dateline::parse_name<dateline::Feedback>(feedback);
  for (const auto& f : facets) {
    s.request.facets.push_back(*dateline::parse_name<dateline::FacetField>(f));
  }

  try {
    if (serve->parsed()) return run_server(s);
    dateline::Searcher searcher(s.db);
    const int code = s.batch_file.empty() ? run_one(s, searcher) : run_batch(s, searcher);
    std::cout.flush();
    return code;
  } catch (const std::exception& e) {
    std::cerr << "searcher: " << e.what() << '\n';
    return kExitError;
  }
}
