#include "index/database_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "dateline/errors.h"

namespace dateline {

// flock() on the folder itself: no lock file to clean up or to confuse with a database file,
// and the kernel drops the lock when the process dies, however it dies.
DatabaseLock::DatabaseLock(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw DatabaseError(dir + ": cannot create: " + ec.message());
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw DatabaseError(dir + ": cannot open: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    if (error == EWOULDBLOCK) {
      throw DatabaseError(dir + ": locked by another indexer or compaction; wait for it to finish");
    }
    throw DatabaseError(dir + ": cannot lock: " + std::strerror(error));
  }
}

DatabaseLock::~DatabaseLock() { ::close(fd_); }

}  // namespace dateline
