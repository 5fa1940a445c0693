// The time limit of one search, shared by every step that can take long: expanding prefix*
// into terms, matching, and (skipped once it is past) spelling suggestions. Xapian 1.4's own
// Enquire::set_time_limit() only stops counting matches beyond the page (check_at_least); it
// neither bounds the match itself nor the query expansion, so a query of 500 prefixes took
// 42 s under a 2 s limit. DeadlineSource bounds the match: a filter the matcher consults at
// each candidate document, which ends the match by throwing once the time is up; DeadlineSpy
// keeps the best documents seen so far, to answer with.
#pragma once

#include <xapian.h>

#include <chrono>
#include <optional>
#include <queue>
#include <string>
#include <vector>

namespace dateline {

class Deadline {
 public:
  Deadline() = default;  // never passes
  // `limit_ms` from now; 0 or less: never.
  explicit Deadline(double limit_ms);
  bool passed() const { return at_ && std::chrono::steady_clock::now() >= *at_; }
  bool bounded() const { return at_.has_value(); }
  // Milliseconds left (negative once passed); unbounded: the limit, 0.
  double remaining_ms() const {
    return at_ ? std::chrono::duration<double, std::milli>(*at_ - std::chrono::steady_clock::now())
                     .count()
               : limit_ms_;
  }
  double limit_ms() const { return limit_ms_; }

 private:
  std::optional<std::chrono::steady_clock::time_point> at_;
  double limit_ms_ = 0;
};

// Thrown out of the match by DeadlineSpy; caught by the Searcher, never beyond.
struct DeadlinePassed {};

// A posting source that matches every document and throws DeadlinePassed when the deadline
// has passed; the query is filtered by it. For local databases only (Xapian cannot send it
// to a remote shard).
class DeadlineSource final : public Xapian::PostingSource {
 public:
  explicit DeadlineSource(const Deadline& deadline) : deadline_(deadline) {}

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return doccount_; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  DeadlineSource* clone() const override { return new DeadlineSource(deadline_); }

 private:
  void throw_if_passed() const;

  const Deadline& deadline_;
  Xapian::doccount doccount_ = 0;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;
};

// A match spy for local databases only, like DeadlineSource.
class DeadlineSpy final : public Xapian::MatchSpy {
 public:
  struct Seen {
    double weight;
    std::string id;  // the article's: a shard's docid says nothing over several shards
  };
  // Keeps the `keep` best documents seen.
  DeadlineSpy(const Deadline& deadline, std::size_t keep) : deadline_(deadline), keep_(keep) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  // The best documents seen, best first (equal weights by id, as the answer orders them);
  // moves them out.
  std::vector<Seen> best();
  std::uint64_t seen() const { return seen_; }

 private:
  struct Better {
    bool operator()(const Seen& a, const Seen& b) const {
      return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
    }
  };
  const Deadline& deadline_;
  std::size_t keep_;
  std::uint64_t seen_ = 0;
  std::priority_queue<Seen, std::vector<Seen>, Better> best_;  // the worst kept on top
};

}  // namespace dateline
