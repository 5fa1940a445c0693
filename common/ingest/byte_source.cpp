#include "ingest/byte_source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "dateline/errors.h"

namespace dateline {
namespace {

constexpr std::size_t kChunk = 1 << 16;

// A file descriptor, with a few bytes already read (to sniff the format) handed back first.
class FileSource final : public ByteSource {
 public:
  FileSource(int fd, bool owned, std::string name)
      : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FileSource() override {
    if (owned_) ::close(fd_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    if (pushed_back_pos_ < pushed_back_.size()) {
      const std::size_t n = std::min(size, pushed_back_.size() - pushed_back_pos_);
      std::memcpy(buffer, pushed_back_.data() + pushed_back_pos_, n);
      pushed_back_pos_ += n;
      return n;
    }
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) {
        raw_bytes_ += static_cast<std::uint64_t>(n);
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) throw InputError(name_ + ": read failed: " + std::strerror(errno));
    }
  }

  std::uint64_t raw_bytes_read() const override { return raw_bytes_; }

  // Reads up to `size` bytes to inspect, then arranges for read() to return them again.
  std::string peek(std::size_t size) {
    std::string head(size, '\0');
    std::size_t got = 0;
    while (got < size) {
      const std::size_t n = read(head.data() + got, size - got);
      if (n == 0) break;
      got += n;
    }
    head.resize(got);
    pushed_back_ = head;
    pushed_back_pos_ = 0;
    return head;
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
  std::string pushed_back_;
  std::size_t pushed_back_pos_ = 0;
  std::uint64_t raw_bytes_ = 0;
};

// Gzip, including files of several concatenated members (as `cat a.gz b.gz` makes).
class GzipSource final : public ByteSource {
 public:
  GzipSource(std::unique_ptr<FileSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)), in_(kChunk) {
    if (inflateInit2(&stream_, 15 + 32) != Z_OK) throw InputError(name_ + ": cannot start gunzip");
  }
  ~GzipSource() override { inflateEnd(&stream_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    stream_.next_out = reinterpret_cast<Bytef*>(buffer);
    stream_.avail_out = static_cast<uInt>(size);
    while (stream_.avail_out == size) {
      if (stream_.avail_in == 0) {
        const std::size_t n = inner_->read(in_.data(), in_.size());
        if (n == 0) {
          if (mid_member_) throw InputError(name_ + ": truncated gzip data");
          break;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(n);
      }
      mid_member_ = true;
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        mid_member_ = false;
        inflateReset(&stream_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw InputError(name_ + ": corrupt gzip data" +
                         (stream_.msg ? std::string(" (") + stream_.msg + ")" : std::string()));
      }
    }
    return size - stream_.avail_out;
  }

  std::uint64_t raw_bytes_read() const override { return inner_->raw_bytes_read(); }

 private:
  std::unique_ptr<FileSource> inner_;
  std::string name_;
  std::vector<char> in_;
  z_stream stream_{};
  bool mid_member_ = false;
};

class ZstdSource final : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<FileSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)), in_(ZSTD_DStreamInSize()) {
    stream_ = ZSTD_createDStream();
    if (stream_ == nullptr) throw InputError(name_ + ": cannot start zstd");
  }
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    ZSTD_outBuffer out{buffer, size, 0};
    while (out.pos == 0) {
      if (input_.pos == input_.size) {
        const std::size_t n = inner_->read(in_.data(), in_.size());
        if (n == 0) {
          if (last_hint_ != 0) throw InputError(name_ + ": truncated zstd data");
          break;
        }
        input_ = ZSTD_inBuffer{in_.data(), n, 0};
      }
      last_hint_ = ZSTD_decompressStream(stream_, &out, &input_);
      if (ZSTD_isError(last_hint_)) {
        throw InputError(name_ + ": corrupt zstd data (" + ZSTD_getErrorName(last_hint_) + ")");
      }
    }
    return out.pos;
  }

  std::uint64_t raw_bytes_read() const override { return inner_->raw_bytes_read(); }

 private:
  std::unique_ptr<FileSource> inner_;
  std::string name_;
  std::vector<char> in_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  ZSTD_DStream* stream_ = nullptr;
  std::size_t last_hint_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
  std::unique_ptr<FileSource> file;
  if (path == "-") {
    file = std::make_unique<FileSource>(STDIN_FILENO, false, "<stdin>");
  } else {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path + ": cannot open: " + std::strerror(errno));
    file = std::make_unique<FileSource>(fd, true, path);
  }
  const std::string head = file->peek(4);
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') {
    return std::make_unique<GzipSource>(std::move(file), path);
  }
  if (head == "\x28\xb5\x2f\xfd") return std::make_unique<ZstdSource>(std::move(file), path);
  return file;
}

std::string read_all(ByteSource& source, std::size_t max_bytes) {
  std::string out;
  char buffer[kChunk];
  for (;;) {
    const std::size_t n = source.read(buffer, sizeof buffer);
    if (n == 0) return out;
    if (out.size() + n > max_bytes) {
      throw InputError("larger than the " + std::to_string(max_bytes >> 20) + " MB limit");
    }
    out.append(buffer, n);
  }
}

}  // namespace dateline
