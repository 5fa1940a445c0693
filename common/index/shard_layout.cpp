#include "index/shard_layout.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "dateline/errors.h"
#include "index/database_folder.h"
#include "index/database_lock.h"
#include "index/stub_tree.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

std::string shard_name(std::size_t i) {
  char name[32];
  std::snprintf(name, sizeof name, "shard-%03zu", i);
  return name;
}

// The shard folders the stub lists, each of which must be there as a database of its own
// (a stub inside would be opened by Xapian, possibly back to this one, without end).
std::vector<std::string> listed_shards(const fs::path& dir) {
  std::vector<std::string> paths;
  const fs::path stub = dir / kStubFileName;
  for (const std::string& name : read_local_stub(dir)) {
    const fs::path shard = dir / name;
    std::error_code ec;
    if (!fs::is_directory(shard, ec)) {
      throw DatabaseError(stub.string() + ": shard " + name + " is missing (" + shard.string() +
                          "); restore it, or index into a new folder");
    }
    if (!holds_own_database(shard) && !fs::is_empty(shard, ec)) {
      throw DatabaseError(stub.string() + ": shard " + name +
                          " is not a database of its own (a stub cannot list a stub here)");
    }
    paths.push_back(shard.string());
  }
  return paths;
}

// A folder holding only empty shard folders: a new sharded database whose stub was not
// written yet when the run stopped.
bool only_empty_shard_folders(const fs::path& dir) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory() || entry.path().filename().string().rfind("shard-", 0) != 0 ||
        !fs::is_empty(entry.path(), ec)) {
      return false;
    }
  }
  return true;
}

// The shard folders first, then the stub in one atomic step: a stub never lists a shard
// that was not created, so a missing one is always a loss to report.
std::vector<std::string> create_shards(const fs::path& dir, std::size_t count) {
  std::vector<std::string> names, paths;
  for (std::size_t i = 0; i < count; ++i) {
    names.push_back(shard_name(i));
    std::error_code ec;
    fs::create_directories(dir / names.back(), ec);
    if (ec) throw DatabaseError((dir / names.back()).string() + ": cannot create: " + ec.message());
    paths.push_back((dir / names.back()).string());
  }
  sync_folder(dir);
  write_stub_atomically(dir, names);
  return paths;
}

}  // namespace

std::size_t ShardLayout::shard_for(std::string_view id) const {
  return static_cast<std::size_t>(XXH3_64bits(id.data(), id.size()) % shard_paths.size());
}

ShardLayout open_shard_layout(const std::string& dir, std::size_t requested) {
  const fs::path root(dir);
  recover_moved_aside(root);
  ShardLayout layout;
  layout.lock = std::make_shared<DatabaseLock>(dir);  // creates the folder when absent
  recover_interrupted_compaction(root);
  std::error_code ec;
  if (holds_own_database(root)) {
    layout.shard_paths = {dir};
  } else if (fs::exists(root / kStubFileName, ec)) {
    check_stub_tree(dir);
    layout.shard_paths = listed_shards(root);
  } else if (!only_empty_shard_folders(root)) {
    layout.shard_paths = {dir};  // something Xapian will judge
  } else if (requested <= 1) {
    layout.shard_paths = {dir};
  } else {
    layout.shard_paths = create_shards(root, requested);
  }
  if (requested > 0 && requested != layout.count()) {
    throw DatabaseError(dir + ": has " + std::to_string(layout.count()) + " shard" +
                        (layout.count() == 1 ? "" : "s") + ", not " + std::to_string(requested) +
                        "; index into a new folder to change the number of shards");
  }
  return layout;
}

}  // namespace dateline
