#include "index/database_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "dateline/errors.h"
#include "index/shard_layout.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

// The version files by which Xapian recognises a database folder, in the order it looks.
constexpr const char* kVersionFiles[] = {"iamglass", "iamchert", "iamhoney"};
// What compaction renames `iamglass` to when it switches a one-database folder to a stub.
constexpr std::string_view kRetiredSuffix = ".compacted";
constexpr std::string_view kCompactPrefix = "compact-";
constexpr std::string_view kShardPrefix = "shard-";

std::string new_stub_name() { return std::string(kStubFileName) + ".new"; }

constexpr const char* kMergePendingName = "merge-pending";

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// A subfolder this program writes databases into (shard-NNN, compact-N).
bool is_database_subfolder(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  return entry.is_directory() &&
         (starts_with(name, kCompactPrefix) || starts_with(name, kShardPrefix));
}

// A file of the folder's own database, once a stub has taken its place.
bool is_retired_database_file(const fs::directory_entry& entry) {
  const fs::path name = entry.path().filename();
  const std::string text = name.string();
  return entry.is_regular_file() &&
         (name.extension() == ".glass" || text == "flintlock" || text.ends_with(kRetiredSuffix));
}

void remove_entry(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec)
    throw DatabaseError(path.string() +
                        ": cannot remove a leftover of a compaction: " + ec.message());
}

// Every subfolder database the stub does not list, and the files of a database the stub
// replaced: what a compaction left after (or before) its switch.
void remove_unlisted(const fs::path& dir) {
  const std::vector<std::string> listed = read_local_stub(dir);
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const bool unlisted = std::find(listed.begin(), listed.end(), name) == listed.end();
    if ((is_database_subfolder(entry) && unlisted) || is_retired_database_file(entry)) {
      remove_entry(entry.path());
    }
  }
}

// The folder's own database opens, so a stub beside it and the compact-N it lists were a
// compaction that had not switched yet.
void remove_unswitched(const fs::path& dir) {
  remove_entry(dir / kStubFileName);
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory() && starts_with(entry.path().filename().string(), kCompactPrefix)) {
      remove_entry(entry.path());
    }
  }
}

void write_durably(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 &&
            ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ok = ok && ::fsync(fd) == 0;
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (!ok) throw DatabaseError(path.string() + ": cannot write the file");
}

}  // namespace

bool holds_own_database(const fs::path& dir) {
  std::error_code ec;
  return std::any_of(std::begin(kVersionFiles), std::end(kVersionFiles),
                     [&](const char* name) { return fs::exists(dir / name, ec); });
}

bool holds_no_database(const fs::path& dir) {
  std::error_code ec;
  return !holds_own_database(dir) && !fs::exists(dir / kStubFileName, ec);
}

void mark_merge_pending(const fs::path& dir) {
  write_durably(dir / kMergePendingName, "shards written in parallel, to be merged into one\n");
  sync_folder(dir);
}

bool merge_pending(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / kMergePendingName, ec);
}

void clear_merge_pending(const fs::path& dir) {
  std::error_code ec;
  fs::remove(dir / kMergePendingName, ec);
  sync_folder(dir);
}

std::vector<std::string> read_local_stub(const fs::path& dir) {
  std::ifstream stub(dir / kStubFileName);
  std::vector<std::string> names;
  std::string type, name;
  while (stub >> type >> name) {
    if (type != "auto") {
      throw DatabaseError(dir.string() + ": stub lists a " + type +
                          " shard; the indexer writes only local shards");
    }
    names.push_back(name);
  }
  if (names.empty())
    throw DatabaseError(dir.string() + ": empty stub file " + std::string(kStubFileName));
  return names;
}

void write_stub_atomically(const fs::path& dir, const std::vector<std::string>& names) {
  std::string content;
  for (const std::string& name : names) content += "auto " + name + "\n";
  const fs::path fresh = dir / new_stub_name();
  write_durably(fresh, content);
  std::error_code ec;
  fs::rename(fresh, dir / kStubFileName, ec);
  if (ec)
    throw DatabaseError(dir.string() + ": cannot put the stub file in place: " + ec.message());
  sync_folder(dir);
}

void recover_moved_aside(const fs::path& dir) {
  const fs::path old = dir.string() + ".old";
  std::error_code ec;
  // The old swap moved the complete database aside before it moved the new one in.
  if (!fs::exists(dir, ec) && fs::is_directory(old, ec)) fs::rename(old, dir, ec);
}

void recover_interrupted_compaction(const fs::path& dir) {
  std::error_code ec;
  // The old swap's leftovers: when `dir` holds a database, they are copies of what it holds
  // (X.old the uncompacted original, X.compacting the same or less); otherwise a person judges.
  const bool opens = holds_own_database(dir) || fs::exists(dir / kStubFileName, ec);
  for (const char* suffix : {".compacting", ".old"}) {
    const fs::path leftover = dir.string() + suffix;
    if (opens && fs::is_directory(leftover, ec)) remove_entry(leftover);
  }
  remove_entry(dir / new_stub_name());
  if (holds_own_database(dir)) {
    if (fs::exists(dir / kStubFileName, ec)) remove_unswitched(dir);
  } else if (fs::exists(dir / kStubFileName, ec)) {
    remove_unlisted(dir);
  }
}

std::string next_compaction_name(const fs::path& dir) {
  unsigned long highest = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!starts_with(name, kCompactPrefix)) continue;
    highest = std::max(highest, std::strtoul(name.c_str() + kCompactPrefix.size(), nullptr, 10));
  }
  return std::string(kCompactPrefix) + std::to_string(highest + 1);
}

void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw DatabaseError(dir.string() + ": cannot make its entries durable");
  }
  ::close(fd);
}

}  // namespace dateline
