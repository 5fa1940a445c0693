// What a database folder holds, read the way Xapian opens it, and the recovery of what an
// interrupted compaction left in it.
//
// A folder is either one Xapian database (its files, `iamglass` among them, in the folder) or
// a stub file `XAPIANDB` listing databases in subfolders (`shard-000` ... written by
// --shards, `compact-N` written by compaction). Xapian opens the folder's own database when
// its `iamglass` is there, even beside a stub; that order is what lets compaction switch
// atomically (see compaction.cpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dateline {

// Whether the folder itself is a Xapian database (its version file is there).
bool holds_own_database(const std::filesystem::path& dir);

// The subfolder names the stub `dir/XAPIANDB` lists as local databases ("auto NAME"), in its
// order. Throws DatabaseError for a stub that lists anything else, or nothing.
std::vector<std::string> read_local_stub(const std::filesystem::path& dir);

// Writes `dir/XAPIANDB` listing `names`, atomically: a complete new stub or the old one,
// never a torn file, durable when it returns. Throws DatabaseError.
void write_stub_atomically(const std::filesystem::path& dir, const std::vector<std::string>& names);

// Removes what an interrupted compaction (of this version or of one that swapped folders
// X -> X.old, X.compacting -> X) left beside the database Xapian opens at `dir`, restoring
// a moved-aside copy when it is the only one. Never removes the database that opens. Call
// it holding the DatabaseLock of `dir`, except for recover_moved_aside().
void recover_interrupted_compaction(const std::filesystem::path& dir);
// Before the lock can be taken: puts `dir.old` back when `dir` is missing.
void recover_moved_aside(const std::filesystem::path& dir);

// The name compaction writes its next database under: compact-N, N above every one there.
std::string next_compaction_name(const std::filesystem::path& dir);

// Whether `dir` holds no database yet (absent, empty, or nothing Xapian would open).
bool holds_no_database(const std::filesystem::path& dir);

// The mark of a database written as parallel shards that a completed run is to merge into one
// (IndexOptions::shards 0): set when the shards are created, cleared once merged, so that a
// run interrupted before its merge leaves the merge to the next.
void mark_merge_pending(const std::filesystem::path& dir);
bool merge_pending(const std::filesystem::path& dir);
void clear_merge_pending(const std::filesystem::path& dir);

// Makes the entries of `dir` (renames, new and removed files) durable.
void sync_folder(const std::filesystem::path& dir);

}  // namespace dateline
