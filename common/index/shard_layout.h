// How a database folder holds its shards: a single Xapian database, or N shard databases
// `shard-000` ... listed in a Xapian stub file `XAPIANDB` in the folder, which Xapian opens
// as one database (so searching needs nothing special). After a compaction, the stub lists
// the one compact database `compact-N` (see database_folder.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class DatabaseLock;

struct ShardLayout {
  std::vector<std::string> shard_paths;  // one path: the folder itself is the database
  std::shared_ptr<DatabaseLock> lock;    // the writer's lock, held while the layout lives

  std::size_t count() const { return shard_paths.size(); }
  // The shard that holds (or will hold) the article with `id`: a hash of the id, so an article
  // goes to the same shard on every run.
  std::size_t shard_for(std::string_view id) const;
};

// Takes the writer's lock of the database folder `dir`, removes what an interrupted
// compaction left, and returns its layout, creating it when absent: `requested` shards, or
// for an existing database, the shards it has (0 means "whatever it has; 1 when new").
// Throws DatabaseError when the folder is locked by another writer, when an existing database
// has another number of shards than requested, or when a shard its stub lists is missing
// (never created again empty: its articles would be silently lost).
ShardLayout open_shard_layout(const std::string& dir, std::size_t requested);

// The stub file's name inside a sharded database folder.
inline constexpr std::string_view kStubFileName = "XAPIANDB";

}  // namespace dateline
