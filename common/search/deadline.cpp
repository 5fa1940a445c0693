#include "search/deadline.h"

#include <algorithm>

#include "index/schema.h"

namespace dateline {

namespace {
// The clock is read every this many documents: often enough to stop within a millisecond or
// so of the limit (a document costs microseconds), rarely enough to cost nothing measurable.
constexpr std::uint64_t kCheckEvery = 64;
}  // namespace

Deadline::Deadline(double limit_ms) : limit_ms_(limit_ms) {
  if (limit_ms > 0) {
    at_ = std::chrono::steady_clock::now() +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
              std::chrono::duration<double, std::milli>(limit_ms));
  }
}

void DeadlineSource::init(const Xapian::Database& db) {
  doccount_ = db.get_doccount();
  last_ = db.get_lastdocid();
  current_ = 0;
}

// Every document id counts as a match: the source only filters, never adds documents, so
// ids of deleted documents are never asked for.
void DeadlineSource::next(double) {
  throw_if_passed();
  ++current_;
}

void DeadlineSource::skip_to(Xapian::docid did, double) {
  throw_if_passed();
  current_ = std::max(current_, did);
}

void DeadlineSource::throw_if_passed() const {
  if (deadline_.passed()) throw DeadlinePassed{};
}

void DeadlineSpy::operator()(const Xapian::Document& doc, double weight) {
  if (++seen_ % kCheckEvery == 0 && deadline_.passed()) throw DeadlinePassed{};  // in case
  if (keep_ == 0) return;
  // The id is read only for a document that can be kept.
  if (best_.size() == keep_ && weight < best_.top().weight) return;
  Seen item{weight, doc.get_value(schema::kIdSlot)};
  if (best_.size() < keep_) {
    best_.push(std::move(item));
  } else if (Better{}(item, best_.top())) {
    best_.pop();
    best_.push(std::move(item));
  }
}

std::vector<DeadlineSpy::Seen> DeadlineSpy::best() {
  std::vector<Seen> out;
  while (!best_.empty()) {
    out.push_back(best_.top());
    best_.pop();
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace dateline
