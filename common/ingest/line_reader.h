// Splits a ByteSource into lines, with a bound on how much one line may hold in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/byte_source.h"

namespace dateline {

struct Line {
  std::string_view text;     // without the line end ("\n" or "\r\n"); empty when too long
  std::uint64_t number = 0;  // 1-based
  std::uint64_t length = 0;  // the whole line's length in bytes, even when it was too long
  bool too_long = false;     // longer than the limit: its bytes were skipped, not kept
};

// Reads lines of at most `max_line_bytes`; a longer line is reported with `too_long` and
// skipped without being held in memory. The view in a Line lives until the next call.
class LineReader {
 public:
  LineReader(ByteSource& source, std::size_t max_line_bytes);
  bool next(Line& line);

 private:
  bool fill();

  ByteSource& source_;
  std::size_t max_line_bytes_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread data lives in buffer_[begin_, end_)
  std::size_t end_ = 0;
  bool eof_ = false;
  std::string line_;
  std::uint64_t number_ = 0;
};

}  // namespace dateline
