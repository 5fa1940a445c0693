#include "ingest/line_reader.h"

#include <cstring>

namespace dateline {

namespace {
constexpr std::size_t kBufferBytes = 1 << 20;
}

LineReader::LineReader(ByteSource& source, std::size_t max_line_bytes)
    : source_(source), max_line_bytes_(max_line_bytes), buffer_(kBufferBytes) {}

bool LineReader::fill() {
  if (eof_) return false;
  begin_ = 0;
  end_ = source_.read(buffer_.data(), buffer_.size());
  eof_ = end_ == 0;
  return !eof_;
}

bool LineReader::next(Line& line) {
  line_.clear();
  std::uint64_t length = 0;
  bool too_long = false;
  bool any = false;
  for (;;) {
    if (begin_ == end_ && !fill()) break;
    any = true;
    const char* start = buffer_.data() + begin_;
    const auto available = end_ - begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const std::size_t chunk = newline ? static_cast<std::size_t>(newline - start) : available;
    length += chunk;
    if (length > max_line_bytes_) {
      too_long = true;
      line_.clear();
      line_.shrink_to_fit();
    } else {
      line_.append(start, chunk);
    }
    begin_ += chunk;
    if (newline) {
      ++begin_;
      break;
    }
  }
  if (!any) return false;
  if (!too_long && !line_.empty() && line_.back() == '\r') {
    line_.pop_back();
    --length;
  }
  line.number = ++number_;
  line.length = length;
  line.too_long = too_long;
  line.text = too_long ? std::string_view() : std::string_view(line_);
  return true;
}

}  // namespace dateline
