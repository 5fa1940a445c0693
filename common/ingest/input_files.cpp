#include "ingest/input_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "dateline/errors.h"
#include "ingest/article_rules.h"
#include "ingest/byte_source.h"
#include "ingest/charset.h"
#include "ingest/html_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/text_reader.h"
#include "util/ascii.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

std::optional<InputFormat> format_from_name(const fs::path& path) {
  std::string name = ascii_lower(path.filename().string());
  for (std::string_view suffix : {".gz", ".zst", ".zstd"}) {
    if (name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
      break;
    }
  }
  const std::string extension = fs::path(name).extension().string();
  if (extension == ".jsonl" || extension == ".ndjson") return InputFormat::kJsonl;
  if (extension == ".txt" || extension == ".text") return InputFormat::kText;
  if (extension == ".html" || extension == ".htm" || extension == ".xhtml")
    return InputFormat::kHtml;
  return std::nullopt;
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.';
}

// A folder's identity, whatever path reached it: symbolic links can lead back into it.
struct FolderId {
  std::uintmax_t device, inode;
  auto operator<=>(const FolderId&) const = default;
};

std::optional<FolderId> folder_id(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return FolderId{static_cast<std::uintmax_t>(info.st_dev),
                  static_cast<std::uintmax_t>(info.st_ino)};
}

// The folders on the way down to the current entry of a walk: a symbolic link to one of them
// would walk it again, forever; a link to a folder elsewhere is followed.
class LoopGuard {
 public:
  explicit LoopGuard(const fs::path& root) {
    if (const auto id = folder_id(root)) open_.push_back(*id);
  }
  // Whether the folder `path`, met at `depth` (0: in the root), may be entered.
  bool may_enter(const fs::path& path, int depth) {
    open_.resize(static_cast<std::size_t>(depth) + 1);
    const auto id = folder_id(path);
    if (!id) return true;
    if (std::find(open_.begin(), open_.end(), *id) != open_.end()) return false;
    open_.push_back(*id);
    return true;
  }

 private:
  std::vector<FolderId> open_;
};

void list_folder(const fs::path& root, InputFormat forced, InputListing& out) {
  std::vector<InputFile> found;
  std::error_code ec;
  const auto options = fs::directory_options::skip_permission_denied |
                       fs::directory_options::follow_directory_symlink;
  fs::recursive_directory_iterator it(root, options, ec);
  if (ec) throw InputError(root.string() + ": cannot list folder: " + ec.message());
  LoopGuard guard(root);
  const std::size_t ignored_before = out.ignored.size();
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) throw InputError(root.string() + ": cannot list folder: " + ec.message());
    const fs::path& path = it->path();
    const bool folder = it->is_directory(ec);
    if (is_hidden(path) || (folder && !guard.may_enter(path, it.depth()))) {
      if (folder) it.disable_recursion_pending();
      if (folder && !is_hidden(path)) out.loops.push_back(path.string());
      continue;
    }
    if (folder || !it->is_regular_file(ec)) continue;
    auto format = forced != InputFormat::kAuto ? std::optional(forced) : format_from_name(path);
    if (!format) {
      out.ignored.push_back(path.string());
      continue;
    }
    found.push_back({path.string(), path.lexically_relative(root).generic_string(), *format,
                     static_cast<std::uint64_t>(it->file_size(ec))});
  }
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  out.files.insert(out.files.end(), found.begin(), found.end());
  std::sort(out.ignored.begin() + static_cast<std::ptrdiff_t>(ignored_before), out.ignored.end());
}

}  // namespace

void read_document(std::string_view bytes, const InputFile& file, const ReaderOptions& options,
                   ArticleSink& sink) {
  const Location where{file.path, 0};
  const bool html = file.format == InputFormat::kHtml;
  const DecodedText decoded = to_utf8(bytes, html ? TextKind::kHtml : TextKind::kPlain);
  if (decoded.detected) sink.on_warning(where, "read as " + decoded.charset + " (detected)");
  std::string repaired;
  const auto text = checked_text(decoded.text, repaired, options, sink, where);
  if (!text) return;
  if (html) {
    read_html_article(*text, file.id, file.path, sink);
  } else {
    read_text_article(*text, file.id, file.path, sink);
  }
}

std::vector<InputFile> list_input_files(const std::vector<std::string>& paths, InputFormat forced) {
  return list_inputs(paths, forced).files;
}

InputListing list_inputs(const std::vector<std::string>& paths, InputFormat forced) {
  InputListing listing;
  std::vector<InputFile>& files = listing.files;
  for (const std::string& given : paths) {
    if (given == "-") {
      files.push_back({"-", "", forced == InputFormat::kAuto ? InputFormat::kJsonl : forced, 0});
      continue;
    }
    const fs::path path(given);
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(given + ": no such file or folder");
    if (fs::is_directory(status)) {
      list_folder(path, forced, listing);
      continue;
    }
    auto format = forced != InputFormat::kAuto ? std::optional(forced) : format_from_name(path);
    if (!format) {
      throw InputError(given +
                       ": cannot tell the format from the name; use --format jsonl|text|html");
    }
    files.push_back({given, path.filename().string(), *format,
                     static_cast<std::uint64_t>(fs::file_size(path, ec))});
  }
  return listing;
}

void read_input_file(const InputFile& file, const ReaderOptions& options, ArticleSink& sink) {
  const Location where{file.path, 0};
  try {
    auto source = open_byte_source(file.path);
    if (file.format == InputFormat::kJsonl) {
      read_jsonl(*source, file.path, options, sink);
      return;
    }
    std::string content;
    try {
      content = read_all(*source, options.max_record_bytes);
    } catch (const InputError& e) {
      sink.on_bad_record(where, e.what());
      return;
    }
    read_document(content, file, options, sink);
    sink.on_progress(source->raw_bytes_read());
  } catch (const InputError& e) {
    // The message already names the file.
    sink.on_bad_record(Location{}, e.what());
  }
}

}  // namespace dateline
