// The exceptions Dateline throws internally. Front ends catch them and print one line.
#pragma once

#include <stdexcept>

namespace dateline {

// A file or stream could not be opened or read (I/O error, corrupt compressed data).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A database could not be opened, created or written, or has an incompatible schema.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dateline
