// Compaction without a moment when no complete database opens: the compact copy is written
// into a new subfolder beside the current database, and a single rename(2) switches what
// Xapian opens at the folder:
//  - a folder with a stub (shards, or an earlier compaction): the new stub `XAPIANDB.new`,
//    listing only the copy, is renamed over `XAPIANDB`;
//  - a folder that is itself a database: the stub is put beside it first (Xapian still opens
//    the folder's own database, whose `iamglass` it looks for first), then `iamglass` is
//    renamed away, and the stub is what opens.
// Then what was replaced is removed. A run killed at any point leaves either the old database
// or the new one opening, with leftovers that the next writer or compaction removes
// (recover_interrupted_compaction()). The whole runs under the writer's DatabaseLock, so no
// article committed meanwhile can be left behind in the replaced shards.
#include <xapian.h>

#include <filesystem>

#include "dateline/errors.h"
#include "dateline/index.h"
#include "index/database_folder.h"
#include "index/database_lock.h"
#include "util/error_edge.h"

namespace dateline {

namespace {

namespace fs = std::filesystem;

void write_compact_copy(const fs::path& dir, const fs::path& copy) {
  try {
    Xapian::Database db(dir.string());
    db.compact(copy.string(), Xapian::DBCOMPACT_MULTIPASS);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(copy, ec);
    throw DatabaseError(dir.string() + ": compaction failed: " + e.get_description());
  }
}

void switch_to(const fs::path& dir, const std::string& copy_name) {
  const bool own_database = holds_own_database(dir);
  write_stub_atomically(dir, {copy_name});
  if (own_database) {
    std::error_code ec;
    fs::rename(dir / "iamglass", dir / "iamglass.compacted", ec);
    if (ec)
      throw DatabaseError(dir.string() +
                          ": cannot switch to the compacted database: " + ec.message());
    sync_folder(dir);
  }
}

void compact(const fs::path& dir) {
  recover_moved_aside(dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DatabaseError(dir.string() + ": no database here");
  DatabaseLock lock(dir.string());
  recover_interrupted_compaction(dir);
  const std::string copy_name = next_compaction_name(dir);
  write_compact_copy(dir, dir / copy_name);
  switch_to(dir, copy_name);
  recover_interrupted_compaction(dir);  // now removes what the copy replaced
}

}  // namespace

void compact_database(const std::string& dir) {
  at_api_edge<DatabaseError>(dir + ": compaction failed", [&] { compact(dir); });
}

}  // namespace dateline
