// One slot's values of documents taken in increasing docid order, read from the slot's value
// stream: a pass over its chunks, where Document::get_value costs a tree lookup per value.
// For local databases (a remote shard has no value streams to walk).
#pragma once

#include <xapian.h>

#include <string>

namespace dateline {

class ValueStreamReader {
 public:
  ValueStreamReader(const Xapian::Database& db, Xapian::valueno slot)
      : it_(db.valuestream_begin(slot)), end_(db.valuestream_end(slot)) {}

  // The value of document `docid` ("" for none); `docid` is no smaller than the last asked.
  std::string value(Xapian::docid docid) {
    if (it_ != end_ && it_.get_docid() < docid) it_.skip_to(docid);
    return it_ != end_ && it_.get_docid() == docid ? *it_ : std::string();
  }

 private:
  Xapian::ValueIterator it_, end_;
};

}  // namespace dateline
