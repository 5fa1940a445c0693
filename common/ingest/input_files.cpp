#include "ingest/input_files.h"

#include <algorithm>
#include <filesystem>
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

void list_folder(const fs::path& root, InputFormat forced, std::vector<InputFile>& out) {
  std::vector<InputFile> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw InputError(root.string() + ": cannot list folder: " + ec.message());
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) throw InputError(root.string() + ": cannot list folder: " + ec.message());
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    auto format = format_from_name(path);
    if (!format) continue;
    if (forced != InputFormat::kAuto) format = forced;
    found.push_back({path.string(), path.lexically_relative(root).generic_string(), *format,
                     static_cast<std::uint64_t>(it->file_size(ec))});
  }
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  out.insert(out.end(), found.begin(), found.end());
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
  std::vector<InputFile> files;
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
      list_folder(path, forced, files);
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
  return files;
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
