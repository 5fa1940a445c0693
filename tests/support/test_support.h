// Helpers shared by the tests: temporary folders, a sink that records what readers report,
// running the built executables, and where the test data lives.
#pragma once

#include <concepts>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/article_sink.h"

namespace dateline::test {

// The repository's corpus/ folder, and the shared corpora (which may be absent).
std::filesystem::path corpus_dir();
std::filesystem::path shared_corpus_dir();
bool have_shared_corpus();

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, std::string_view content);
// Bytes of every file under `dir`: a database's size on disk.
std::uintmax_t folder_bytes(const std::filesystem::path& dir);
std::string read_file(const std::filesystem::path& path);
// The article as one JSON line of the indexer's input (no newline).
std::string json_line(const Article& article);

// Records everything a reader reports.
struct Diagnostic {
  std::uint64_t line;
  std::string message;
};
class CollectingSink : public ArticleSink {
 public:
  void on_article(Article&& article, const Location& where) override;
  void on_bad_record(const Location& where, std::string_view reason) override;
  void on_warning(const Location& where, std::string_view message) override;

  std::vector<Article> articles;
  std::vector<std::uint64_t> article_lines;
  std::vector<Diagnostic> bad;
  std::vector<Diagnostic> warnings;
};

// Every good article of a JSON Lines file (bad records are dropped).
std::vector<Article> read_articles(const std::filesystem::path& jsonl);

// Runs a command through the shell; stdin from /dev/null unless `stdin_path` is given.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult run(const std::string& command, const std::string& stdin_path = "/dev/null");

// `text` percent-encoded for a URL's query string (every byte but letters and digits).
std::string url_encoded(std::string_view text);

// Every article of corpus/news/*.jsonl (about 410, in four languages).
std::vector<Article> corpus_news_articles();

// The articles of the labelled near-duplicate pairs (tests/data/stories/pairs.jsonl), each id
// once, in file order: 666 articles, 187 pairs of copies among them (of 3 languages).
std::vector<Article> story_pair_articles();

// Quotes a string for the shell.
std::string quote(std::string_view text);
template <typename Path>
requires std::same_as<Path, std::filesystem::path> std::string quote(const Path& path) {
  return quote(std::string_view(path.native()));
}

inline const std::string kIndexer = DATELINE_INDEXER;
inline const std::string kSearcher = DATELINE_SEARCHER;

}  // namespace dateline::test
