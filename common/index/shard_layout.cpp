#include "index/shard_layout.h"

#include <xxhash.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "dateline/errors.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

std::string shard_name(std::size_t i) {
  char name[32];
  std::snprintf(name, sizeof name, "shard-%03zu", i);
  return name;
}

// The shard folders a stub lists ("auto shard-000" lines, relative to the folder).
std::vector<std::string> read_stub(const fs::path& dir) {
  std::ifstream stub(dir / kStubFileName);
  std::vector<std::string> paths;
  std::string type, path;
  while (stub >> type >> path) {
    if (type != "auto") {
      throw DatabaseError(dir.string() + ": stub lists a " + type +
                          " shard; the indexer writes only local shards");
    }
    paths.push_back((dir / path).string());
  }
  if (paths.empty())
    throw DatabaseError(dir.string() + ": empty stub file " + std::string(kStubFileName));
  return paths;
}

}  // namespace

std::size_t ShardLayout::shard_for(std::string_view id) const {
  return static_cast<std::size_t>(XXH3_64bits(id.data(), id.size()) % shard_paths.size());
}

ShardLayout open_shard_layout(const std::string& dir, std::size_t requested) {
  const fs::path root(dir);
  std::error_code ec;
  ShardLayout layout;
  if (fs::exists(root / kStubFileName, ec)) {
    layout.shard_paths = read_stub(root);
  } else if (fs::exists(root, ec) && !fs::is_empty(root, ec)) {
    layout.shard_paths = {dir};  // an existing single database (or something Xapian will judge)
  } else if (requested <= 1) {
    layout.shard_paths = {dir};
  } else {
    fs::create_directories(root, ec);
    if (ec) throw DatabaseError(dir + ": cannot create: " + ec.message());
    std::ofstream stub(root / kStubFileName);
    for (std::size_t i = 0; i < requested; ++i) {
      stub << "auto " << shard_name(i) << '\n';
      layout.shard_paths.push_back((root / shard_name(i)).string());
    }
    if (!stub.flush()) throw DatabaseError(dir + ": cannot write the stub file");
  }
  if (requested > 0 && requested != layout.count()) {
    throw DatabaseError(dir + ": has " + std::to_string(layout.count()) + " shard" +
                        (layout.count() == 1 ? "" : "s") + ", not " + std::to_string(requested) +
                        "; index into a new folder to change the number of shards");
  }
  return layout;
}

}  // namespace dateline
