// Merging a database (all its shards) into one compact database, in place.
#pragma once

#include <string>

namespace dateline {

// Compacts the database folder `dir` (one database or a stub of shards) into a single compact
// database that replaces it. The new database is built beside the old one and swapped in only
// when complete, so an interruption leaves the old one intact. Throws DatabaseError.
void compact_database(const std::string& dir);

}  // namespace dateline
