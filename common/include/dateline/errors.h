// The exceptions Dateline throws. Every function of the public API throws only these (and
// std::bad_alloc); no Xapian, ICU or parser exception escapes it.
#pragma once

#include <stdexcept>

#include "dateline/export.h"

namespace dateline {

// A file or stream could not be opened or read (I/O error, corrupt compressed data).
class DATELINE_API InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A database could not be opened, created or written (disk full, locked by another writer),
// or has an incompatible schema. The message names the database.
class DATELINE_API DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The HTTP server could not bind its address or serve.
class DATELINE_API ServerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dateline
