// The writer's lock on a database folder: an indexer run, an embedding program's Index and a
// compaction each hold it for as long as they may write, so that none of them writes into
// shards another is about to replace (a compaction would otherwise discard what a writer
// committed meanwhile). Readers take no lock.
#pragma once

#include <string>

namespace dateline {

class DatabaseLock {
 public:
  // Locks the folder `dir`, creating it when absent. Never waits: throws DatabaseError when
  // another process (or another lock in this one) holds it, or when `dir` cannot be created.
  explicit DatabaseLock(const std::string& dir);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace dateline
