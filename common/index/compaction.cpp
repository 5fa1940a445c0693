#include "dateline/index.h"

#include <xapian.h>

#include <filesystem>

#include "dateline/errors.h"
#include "util/error_edge.h"

namespace dateline {

namespace {

void compact(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path target(dir);
  const fs::path fresh = target.string() + ".compacting";
  const fs::path old = target.string() + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  fs::remove_all(old, ec);
  try {
    Xapian::Database db(dir);
    db.compact(fresh.string(), Xapian::DBCOMPACT_MULTIPASS);
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    throw DatabaseError(dir + ": compaction failed: " + e.get_description());
  }
  fs::rename(target, old, ec);
  if (ec) throw DatabaseError(dir + ": cannot move aside for compaction: " + ec.message());
  fs::rename(fresh, target, ec);
  if (ec) {
    fs::rename(old, target);
    throw DatabaseError(dir + ": cannot put the compacted database in place: " + ec.message());
  }
  fs::remove_all(old, ec);
}

}  // namespace

void compact_database(const std::string& dir) {
  at_api_edge<DatabaseError>(dir + ": compaction failed", [&] { compact(dir); });
}

}  // namespace dateline
