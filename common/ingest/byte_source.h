// Sequential byte streams over files and stdin, with transparent gzip and zstd decompression.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace dateline {

// A stream of bytes read front to back. Not thread-safe. Errors throw InputError.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; returns 0 only at the end of the stream.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for compressed input).
  virtual std::uint64_t raw_bytes_read() const = 0;
};

// Opens `path` ("-" for stdin). Gzip and zstd input is recognised by its magic bytes, whatever
// the file is called, and decompressed as it is read. Throws InputError when it cannot open.
std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

// Reads a whole stream into a string; throws InputError past `max_bytes`.
std::string read_all(ByteSource& source, std::size_t max_bytes);

}  // namespace dateline
