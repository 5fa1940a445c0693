#include "index/folder_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "dateline/errors.h"

namespace dateline {

namespace {

void sync_one(const std::filesystem::path& path, int flags, bool data_only) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw DatabaseError(path.string() + ": cannot open to sync it");
  const int rc = data_only ? ::fdatasync(fd) : ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw DatabaseError(path.string() + ": fsync failed (disk full or failing?)");
}

}  // namespace

void sync_folder(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) sync_one(entry.path(), O_RDONLY, /*data_only=*/true);
  }
  if (ec) throw DatabaseError(dir + ": cannot list the folder to sync it: " + ec.message());
  sync_one(dir, O_RDONLY | O_DIRECTORY, /*data_only=*/false);
}

}  // namespace dateline
