// The schema version and analyzer settings kept in a database's metadata.
#pragma once

#include <xapian.h>

#include <string>

namespace dateline {

// Records the schema version and analyzer settings in a new, empty database.
void write_schema(Xapian::WritableDatabase& db);

// Throws DatabaseError naming `path` when `db` was not written by Dateline or was written with
// another schema version. An empty database without metadata is accepted.
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace dateline
