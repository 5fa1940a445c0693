// Making a database folder durable after commits written without fsync (Xapian's DB_NO_SYNC).
#pragma once

#include <string>

namespace dateline {

// fdatasyncs every regular file of the folder `dir`, then the folder itself. Xapian writes a
// commit's blocks before its version file, so once this returns the last commit is on disk,
// whatever order the earlier unsynced writes reached it in. Throws DatabaseError on failure.
void sync_folder(const std::string& dir);

}  // namespace dateline
