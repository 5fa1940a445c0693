// The schema version and analyzer settings kept in a database's metadata.
#pragma once

#include <xapian.h>

#include <string>

namespace dateline {

// The analyzer's settings as stored in the metadata (a JSON object of strings).
std::string analyzer_settings_json();

// Records the schema version and analyzer settings in a new, empty database.
void write_schema(Xapian::WritableDatabase& db);

// Throws DatabaseError naming `path` when `db` was not written by Dateline, was written with
// another schema version, or was analysed with other settings (the message names each setting
// that differs). An empty database without metadata is accepted.
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace dateline
