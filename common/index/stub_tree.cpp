#include "index/stub_tree.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "dateline/errors.h"
#include "index/database_folder.h"
#include "index/shard_layout.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxDepth = 32;

// The stub file at `path`, if that is what Xapian would open as a stub there.
std::optional<fs::path> stub_file_at(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (holds_own_database(path) || !fs::is_regular_file(path / kStubFileName, ec)) return {};
    return path / kStubFileName;
  }
  if (!fs::is_regular_file(path, ec)) return {};
  // A file is a stub when it reads as one (a single-file database starts with binary magic).
  std::ifstream in(path);
  std::string type;
  in >> type;
  static const char* kTypes[] = {"auto",   "glass", "chert", "honey",
                                 "remote", "tcp",   "prog",  "inmemory"};
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) return {};
  return path;
}

std::string chain_text(const std::vector<fs::path>& chain, const fs::path& last) {
  std::string text;
  for (const fs::path& stub : chain) text += stub.string() + " -> ";
  return text + last.string();
}

void check(const fs::path& stub, std::vector<fs::path>& chain, StubTree& tree) {
  const fs::path canonical = fs::weakly_canonical(stub);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    throw DatabaseError(stub.string() + ": the stub lists itself, through " +
                        chain_text(chain, canonical) + " (a cycle Xapian cannot open)");
  }
  if (chain.size() == kMaxDepth) {
    throw DatabaseError(stub.string() + ": stubs nested deeper than " + std::to_string(kMaxDepth));
  }
  chain.push_back(canonical);
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const std::size_t space = line.find_first_of(" \t", start);
    const std::string type = line.substr(start, space - start);
    if (type == "remote" || type == "tcp" || type == "prog") tree.remote = true;
    if (type != "auto" && type != "glass" && type != "chert" && type != "honey") continue;
    const std::size_t name_start = line.find_first_not_of(" \t", space);
    std::string name = name_start == std::string::npos ? "" : line.substr(name_start);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.pop_back();
    const fs::path entry = stub.parent_path() / name;
    std::error_code ec;
    if (!fs::exists(entry, ec)) {
      throw DatabaseError(stub.string() + ": shard " + name + " is missing (" + entry.string() +
                          ")");
    }
    if (const auto nested = stub_file_at(entry)) check(*nested, chain, tree);
  }
  chain.pop_back();
}

}  // namespace

StubTree check_stub_tree(const std::string& path) {
  StubTree tree;
  if (const auto stub = stub_file_at(path)) {
    std::vector<fs::path> chain;
    check(*stub, chain, tree);
  }
  return tree;
}

}  // namespace dateline
