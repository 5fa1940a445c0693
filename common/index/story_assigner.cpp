#include "index/story_assigner.h"

#include <algorithm>
#include <cstdio>

#include "index/schema.h"
#include "util/date.h"
#include "util/hash.h"

namespace dateline {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

int day_number(std::int64_t instant) {
  return static_cast<int>(instant >= 0 ? instant / kSecondsPerDay
                                       : -((-instant + kSecondsPerDay - 1) / kSecondsPerDay));
}

// The day of a kDateSlot value (schema::date_value of an instant).
int day_of_date_value(const std::string& value) {
  return day_number(static_cast<std::int64_t>(Xapian::sortable_unserialise(value)));
}

std::string hex16(std::uint64_t value) {
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(value));
  return out;
}

// A band key shared by very many articles is boilerplate, not a copy: looking at more of them
// would only cost time (a chance key is shared with one article in 65,536).
constexpr std::size_t kMaxCandidatesPerKey = 200;
// Of the stored articles sharing keys, those sharing the most are looked at.
constexpr Xapian::doccount kMaxStoredCandidates = 200;

}  // namespace

std::string utc_day(std::int64_t instant) {
  const Date date = date_of_instant(instant);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", date.year, date.month, date.day);
  return out;
}

std::string StoryAssigner::band_term(std::uint32_t key) {
  char out[8];
  std::snprintf(out, sizeof out, "%06x", static_cast<unsigned>(key & 0xffffff));
  return std::string(schema::kBandPrefix).append(out);
}

StoryFields lone_story(const std::string& id, std::optional<std::int64_t> instant) {
  return StoryFields{hex16(hash64(id)), instant ? utc_day(*instant) : "", Signature{}};
}

template <typename Read>
auto StoryAssigner::read_snapshot(Read read) const {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw;
      snapshot_.reopen();
    }
  }
}

StoryAssigner::StoryAssigner(const NearDuplicateSigner& signer, StoryOptions options)
    : signer_(signer), options_(options) {}

void StoryAssigner::reopen(const std::vector<std::string>& shard_paths) {
  Xapian::Database snapshot;
  for (const std::string& path : shard_paths) snapshot.add_database(Xapian::Database(path));
  snapshot_ = std::move(snapshot);
  // Nothing stored: every candidate is in pending_ until the next reopen (the shards' commits
  // meanwhile hold only articles of pending_), so no lookup needs the shards.
  snapshot_empty_ = snapshot_.get_doccount() == 0;
  // The days the stored articles span (Xapian keeps each slot's bounds, loose after deletes),
  // and whether any is undated: an article whose window lies outside has no stored candidate,
  // so a run in date order looks in the shards only for the window after each reopen.
  stored_first_day_ = stored_last_day_ = kUndated;
  stored_undated_ = false;
  if (!snapshot_empty_) {
    const std::string lower = snapshot_.get_value_lower_bound(schema::kDateSlot);
    const std::string upper = snapshot_.get_value_upper_bound(schema::kDateSlot);
    if (!lower.empty() && !upper.empty()) {
      stored_first_day_ = day_of_date_value(lower);
      stored_last_day_ = day_of_date_value(upper);
    }
    stored_undated_ = snapshot_.get_value_freq(schema::kDateSlot) < snapshot_.get_doccount();
  }
  entries_.clear();
  pending_.clear();
  heads_.clear();
  links_.clear();
  removed_.clear();
  spans_.clear();
}

bool StoryAssigner::overridden(const std::string& id) const {
  return pending_.contains(id) || removed_.contains(id);
}

bool StoryAssigner::unchanged(const std::string& id, const std::string& hash) const {
  if (auto it = pending_.find(id); it != pending_.end()) return entries_[it->second].hash == hash;
  if (removed_.contains(id) || snapshot_empty_) return false;
  const std::string term = schema::id_term(id);
  return read_snapshot([&] {
    auto post = snapshot_.postlist_begin(term);
    return post != snapshot_.postlist_end(term) &&
           snapshot_.get_document(*post).get_value(schema::kHashSlot) == hash;
  });
}

bool StoryAssigner::may_be_stored(int day) const {
  if (day == kUndated) return stored_undated_;
  return stored_first_day_ != kUndated && day + options_.window_days >= stored_first_day_ &&
         day - options_.window_days <= stored_last_day_;
}

bool StoryAssigner::in_window(int a, int b) const {
  if (a == kUndated || b == kUndated) return a == b;  // undated copies join undated ones only
  return std::abs(a - b) <= options_.window_days;
}

StoryAssigner::CandidateSet StoryAssigner::candidates(const Signature& signature, int day) const {
  CandidateSet out;
  // The article itself is in neither: assign() removed it from pending_ and overrides it.
  std::unordered_set<std::uint32_t> seen_pending;
  std::unordered_set<std::string_view> seen_stored;
  for (std::uint32_t key : signer_.band_keys(signature)) {
    // The most recent kMaxCandidatesPerKey of them.
    std::size_t taken = 0;
    for (std::uint32_t link = key < heads_.size() ? heads_[key] : 0;
         link != 0 && taken < kMaxCandidatesPerKey; link = links_[link - 1].next) {
      const std::uint32_t index = links_[link - 1].entry;
      const Entry& entry = entries_[index];
      if (!entry.live) continue;
      ++taken;
      if (!in_window(day, entry.day) || !seen_pending.insert(index).second) continue;
      out.list.push_back({entry.id, entry.day, entry.story, &entry.signature});
    }
  }
  if (snapshot_empty_ || !may_be_stored(day)) return out;
  // The stored articles that share a band key with this one, within the window: one match over
  // all its band terms, those sharing the most bands first (CoordWeight counts them), the
  // newest first among equals. Walking each band's posting list instead read thousands of
  // documents per article once the shards held templated reports (reuters x4: 3.9x the time).
  std::vector<std::string> terms;
  for (std::uint32_t key : signer_.band_keys(signature)) terms.push_back(band_term(key));
  Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (day != kUndated) {
    const std::int64_t first = std::int64_t{day} - options_.window_days;
    const std::int64_t last = std::int64_t{day} + options_.window_days;
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot,
                                        schema::date_value(first * kSecondsPerDay),
                                        schema::date_value((last + 1) * kSecondsPerDay - 1)));
  }
  Xapian::Enquire enquire(snapshot_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::CoordWeight());
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, kMaxStoredCandidates);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    // The signature first: most candidates share a band by chance and fall short of the
    // threshold, and each value is a lookup of its own (the other three were half the time).
    Xapian::Document doc = it.get_document();
    auto parsed = Signature::parse(doc.get_value(schema::kSignatureSlot));
    if (!parsed || signer_.similarity(signature, *parsed) < options_.threshold) continue;
    std::string other = doc.get_value(schema::kIdSlot);
    if (overridden(other) || seen_stored.contains(other)) continue;
    const std::string date = doc.get_value(schema::kDateSlot);
    const int other_day = date.empty() ? kUndated : day_of_date_value(date);
    if (!in_window(day, other_day)) continue;
    const StoredCandidate& stored = out.stored.emplace_back(
        StoredCandidate{std::move(other), doc.get_value(schema::kStorySlot), std::move(*parsed)});
    seen_stored.insert(stored.id);
    out.list.push_back({stored.id, other_day, stored.story, &stored.signature});
  }
  return out;
}

const StoryAssigner::Span& StoryAssigner::span_of(const std::string& story) {
  if (auto it = spans_.find(story); it != spans_.end()) return it->second;
  // The days of the story's stored articles (those written since the snapshot were added to
  // the span as they were written, after this first look).
  Span span{kUndated, kUndated};
  const std::string term = std::string(schema::kStoryPrefix).append(story);
  for (auto post = snapshot_.postlist_begin(term); post != snapshot_.postlist_end(term); ++post) {
    Xapian::Document doc = snapshot_.get_document(*post);
    if (overridden(doc.get_value(schema::kIdSlot))) continue;
    const std::string date = doc.get_value(schema::kDateSlot);
    if (date.empty()) continue;
    const int day = day_of_date_value(date);
    if (span.first == kUndated) span = {day, day};
    span.first = std::min(span.first, day);
    span.last = std::max(span.last, day);
  }
  return spans_.emplace(story, span).first->second;
}

std::string StoryAssigner::new_story_id(const std::string& id) {
  // The first article's id hashed: the same on every run. Another story may have taken it (an
  // article deleted and written anew keeps no claim on its old story): then the next one.
  for (int attempt = 0;; ++attempt) {
    std::string story = hex16(hash64(attempt == 0 ? id : id + "#" + std::to_string(attempt)));
    if (spans_.contains(story)) continue;
    if (snapshot_.term_exists(std::string(schema::kStoryPrefix).append(story))) continue;
    return story;
  }
}

StoryFields StoryAssigner::assign(const std::string& id, const std::string& hash,
                                  std::optional<std::int64_t> instant, Signature signature) {
  remove(id);  // a new version replaces the old one, which must not be its own candidate
  const int day = instant ? day_number(*instant) : kUndated;

  const Candidate* best = nullptr;
  double best_similarity = 0;
  const CandidateSet found = read_snapshot([&] { return candidates(signature, day); });
  for (const Candidate& c : found.list) {
    const double similarity = signer_.similarity(signature, *c.signature);
    if (similarity < options_.threshold) continue;
    if (best &&
        (similarity < best_similarity || (similarity == best_similarity && c.id > best->id)))
      continue;
    if (day != kUndated) {
      const Span& span =
          read_snapshot([&]() -> const Span& { return span_of(std::string(c.story)); });
      if (span.first != kUndated &&
          std::max(span.last, day) - std::min(span.first, day) > options_.window_days)
        continue;
    }
    best = &c;
    best_similarity = similarity;
  }

  StoryFields fields;
  fields.story = best ? std::string(best->story) : read_snapshot([&] { return new_story_id(id); });
  fields.day = instant ? utc_day(*instant) : "";
  fields.signature = std::move(signature);
  if (day != kUndated) {
    auto [it, fresh] = spans_.try_emplace(fields.story, Span{day, day});
    if (!fresh && it->second.first == kUndated) it->second = {day, day};
    it->second.first = std::min(it->second.first, day);
    it->second.last = std::max(it->second.last, day);
  } else {
    spans_.try_emplace(fields.story, Span{kUndated, kUndated});
  }
  const auto index = static_cast<std::uint32_t>(entries_.size());
  const Entry& entry = entries_.emplace_back(Entry{id, fields.story, hash, fields.signature, day});
  pending_.emplace(entry.id, index);  // assign() began by removing any entry of this id
  for (std::uint32_t key : signer_.band_keys(entry.signature)) {
    if (key >= heads_.size()) heads_.resize((std::size_t{key >> 16} + 1) << 16, 0);
    links_.push_back(Link{index, heads_[key]});
    heads_[key] = static_cast<std::uint32_t>(links_.size());
  }
  removed_.erase(id);  // the pending entry now stands for the article
  return fields;
}

void StoryAssigner::remove(const std::string& id) {
  removed_.insert(id);
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Entry& entry = entries_[it->second];
  entry.live = false;  // its links stay, skipped, until the next reopen
  entry.signature = Signature{};
  pending_.erase(it);
}

}  // namespace dateline
