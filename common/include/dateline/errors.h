// The exceptions Dateline throws. Every function of the public API throws only dateline::Error
// and its subclasses (and std::bad_alloc); no Xapian, ICU, filesystem or parser exception
// escapes it. Catch dateline::Error for all of them.
#pragma once

#include <stdexcept>

#include "dateline/export.h"

namespace dateline {

// The base of every Dateline exception. what() is one line a user can act on, naming the
// file or database concerned.
class DATELINE_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file or stream could not be opened or read (I/O error, corrupt compressed data).
class DATELINE_API InputError : public Error {
 public:
  using Error::Error;
};

// A database could not be opened, created or written (disk full, locked by another writer),
// or has an incompatible schema or analyzer settings. The message names the database.
class DATELINE_API DatabaseError : public Error {
 public:
  using Error::Error;
};

// The HTTP server could not bind its address or serve.
class DATELINE_API ServerError : public Error {
 public:
  using Error::Error;
};

// A call the library cannot carry out as asked: an article with neither title nor body, or
// invalid UTF-8, given to Index::add; an unknown language; a filter whose value cannot be read.
class DATELINE_API UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace dateline
