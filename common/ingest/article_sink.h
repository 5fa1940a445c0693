// What a reader hands its results to: articles, bad records and warnings, each with where in
// the input it came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dateline/article.h"
#include "dateline/indexing.h"  // ReaderOptions

namespace dateline {

// Where a record came from. `line` is 0 for a record that is a whole file.
struct Location {
  std::string_view file;
  std::uint64_t line = 0;

  std::string to_string() const;  // "FILE:LINE" or "FILE"
};

// Receives what readers find. Readers call it in input order from one thread.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // A good article, its fields valid UTF-8, its id set.
  virtual void on_article(Article&& article, const Location& where) = 0;
  // A record that cannot be indexed; the reader goes on with the next one.
  virtual void on_bad_record(const Location& where, std::string_view reason) = 0;
  // Something worth telling about a record that is indexed all the same.
  virtual void on_warning(const Location& where, std::string_view message) = 0;
  // Called as input is consumed: bytes of the current file read so far.
  virtual void on_progress(std::uint64_t /*file_bytes_read*/) {}
  // Readers stop early when this turns true (after a bad record under --strict).
  virtual bool stop_requested() const { return false; }
};

}  // namespace dateline
