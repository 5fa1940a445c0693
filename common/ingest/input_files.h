// Turns the PATHs a user gives into the files to read, and reads each with the right reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/indexing.h"  // InputFormat
#include "ingest/article_sink.h"

namespace dateline {

struct InputFile {
  std::string path;  // as given or found; "-" for stdin
  // For text and HTML without a URL of their own: the path relative to the folder given (the
  // file name for a file given by name); empty for stdin, whose id is derived from content.
  std::string id;
  InputFormat format;  // never kAuto
  std::uint64_t size;  // bytes on disk (0 for stdin)
};

// What a run will read, and what it passed over in the folders it was given.
struct InputListing {
  std::vector<InputFile> files;
  std::vector<std::string> ignored;  // files of other types (.json, .md, .csv, ...) in folders
  std::vector<std::string> loops;    // symbolic links to a folder already being read
};

// Expands `paths` in order: a file as given, a folder recursively in byte order of its paths
// (hidden entries skipped, symbolic links followed but never in a loop, only files of a known
// extension), "-" as stdin. The format comes from the extension (.jsonl .ndjson, .txt, .html
// .htm; each also with .gz or .zst) unless `forced` says otherwise. Throws InputError for a
// path that does not exist or a file given by name whose format cannot be told.
InputListing list_inputs(const std::vector<std::string>& paths, InputFormat forced);
// The files alone.
std::vector<InputFile> list_input_files(const std::vector<std::string>& paths, InputFormat forced);

// Reads one text or HTML file's bytes: converted to UTF-8 whatever their charset (to_utf8()),
// checked (checked_text()), then read by the reader for file.format.
void read_document(std::string_view bytes, const InputFile& file, const ReaderOptions& options,
                   ArticleSink& sink);

// Reads one file with the reader for its format, reporting to `sink`. A file that cannot be
// opened or read is reported as a bad record of that file.
void read_input_file(const InputFile& file, const ReaderOptions& options, ArticleSink& sink);

}  // namespace dateline
