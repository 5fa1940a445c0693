#include "support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ingest/byte_source.h"
#include "ingest/jsonl_reader.h"

namespace dateline::test {

namespace fs = std::filesystem;

fs::path corpus_dir() { return fs::path(DATELINE_SOURCE_DIR) / "corpus"; }
fs::path shared_corpus_dir() { return fs::path(DATELINE_SHARED_CORPUS); }
bool have_shared_corpus() { return fs::exists(shared_corpus_dir() / "reuters21578"); }

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("dateline-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string json_line(const Article& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  auto put = [&j](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  put("title", a.title);
  put("body", a.body);
  put("date", a.date);
  if (!a.authors.empty()) j["author"] = a.authors;
  put("source", a.source);
  put("url", a.url);
  put("lang", a.lang);
  if (!a.tags.empty()) j["tags"] = a.tags;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::uintmax_t folder_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void CollectingSink::on_article(Article&& article, const Location& where) {
  articles.push_back(std::move(article));
  article_lines.push_back(where.line);
}

void CollectingSink::on_bad_record(const Location& where, std::string_view reason) {
  bad.push_back({where.line, std::string(reason)});
}

void CollectingSink::on_warning(const Location& where, std::string_view message) {
  warnings.push_back({where.line, std::string(message)});
}

std::vector<Article> read_articles(const fs::path& jsonl) {
  auto source = open_byte_source(jsonl.string());
  CollectingSink sink;
  read_jsonl(*source, jsonl.string(), {}, sink);
  return std::move(sink.articles);
}

std::string quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

CommandResult run(const std::string& command, const std::string& stdin_path) {
  TempDir dir;
  const fs::path out = dir / "stdout";
  const fs::path err = dir / "stderr";
  const std::string full =
      command + " <" + quote(stdin_path) + " >" + quote(out.string()) + " 2>" + quote(err.string());
  const int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

std::string url_encoded(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

std::vector<Article> story_pair_articles() {
  const auto path = std::filesystem::path(DATELINE_SOURCE_DIR) / "tests/data/stories/pairs.jsonl";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<Article> out;
  std::set<std::string> seen;
  for (std::string line; std::getline(in, line);) {
    const auto pair = nlohmann::json::parse(line);
    for (const char* side : {"a", "b"}) {
      const auto& j = pair[side];
      Article a;
      a.id = j.value("id", "");
      a.title = j.value("title", "");
      a.body = j.value("body", "");
      a.date = j.value("date", "");
      a.lang = j.value("lang", "");
      a.source = j.value("source", std::string(side) == "a" ? "Wire" : "Outlet");
      if (seen.insert(a.id).second) out.push_back(std::move(a));
    }
  }
  return out;
}

std::vector<Article> corpus_news_articles() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir() / "news")) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Article> articles;
  for (const auto& file : files) {
    for (auto& a : read_articles(file)) articles.push_back(std::move(a));
  }
  return articles;
}

}  // namespace dateline::test
