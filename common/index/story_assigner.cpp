#include "index/story_assigner.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "index/schema.h"
#include "index/value_stream_reader.h"
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

StoryAssigner::StoryAssigner(const NearDuplicateSigner& signer, StoryOptions options, Limits limits)
    : signer_(signer), options_(options), limits_(limits) {}

void StoryAssigner::reopen(const std::vector<std::string>& shard_paths, Written written) {
  Xapian::Database snapshot;
  for (const std::string& path : shard_paths) snapshot.add_database(Xapian::Database(path));
  snapshot_ = std::move(snapshot);
  snapshot_empty_ = snapshot_.get_doccount() == 0;
  if (!stored_known_) {
    // The days the stored articles span (Xapian keeps each slot's bounds, loose after
    // deletes), and whether any is undated: an article whose window lies outside has no
    // candidate but in memory, so a run in date order looks in the shards only for the
    // window after the stored days.
    stored_known_ = true;
    if (!snapshot_empty_) {
      const std::string lower = snapshot_.get_value_lower_bound(schema::kDateSlot);
      const std::string upper = snapshot_.get_value_upper_bound(schema::kDateSlot);
      if (!lower.empty() && !upper.empty()) {
        stored_first_day_ = day_of_date_value(lower);
        stored_last_day_ = day_of_date_value(upper);
      }
      stored_undated_ = snapshot_.get_value_freq(schema::kDateSlot) < snapshot_.get_doccount();
    }
  }
  for (const Entry& entry : entries_) {
    if (written == Written::kDropped) {
      forgotten_days_.insert(entry.day);
    } else if (entry.live && entry.signature.judgeable()) {
      std::uint64_t story = 0;
      std::from_chars(entry.story.data(), entry.story.data() + entry.story.size(), story, 16);
      committed_.add(entry.id, entry.day, story, entry.signature);
    }
  }
  // The pending entries' memory goes before the committed ones are indexed.
  entries_ = {};
  pending_ = {};
  heads_ = {};
  links_ = {};
  removed_ = {};
  spans_ = {};
  committed_.rebuild([](int) { return false; });
  if (committed_.bytes() > limits_.committed_budget) forget_least_used_days();
}

void StoryAssigner::load_stored() {
  // Only if all of them fit, with room to spare for this run's.
  const std::size_t judgeable = snapshot_.get_value_freq(schema::kSignatureSlot);
  if ((committed_.size() + judgeable) * kCommittedArticleBytes > limits_.committed_budget / 2)
    return;
  // The four slots' streams walked together, in docid order: one pass over each, where
  // reading a document's values one by one costs a tree lookup each.
  struct Stored {
    std::string id, story, signature;
    int day;
  };
  std::vector<Stored> stored;
  stored.reserve(judgeable);
  ValueStreamReader ids(snapshot_, schema::kIdSlot), stories(snapshot_, schema::kStorySlot),
      dates(snapshot_, schema::kDateSlot);
  const auto end = snapshot_.valuestream_end(schema::kSignatureSlot);
  for (auto sig = snapshot_.valuestream_begin(schema::kSignatureSlot); sig != end; ++sig) {
    const Xapian::docid docid = sig.get_docid();
    std::string id = ids.value(docid);
    if (id.empty() || overridden(id) || committed_.contains(id)) continue;
    const std::string date = dates.value(docid);
    stored.push_back(Stored{std::move(id), stories.value(docid), *sig,
                            date.empty() ? kUndated : day_of_date_value(date)});
  }
  for (const Stored& article : stored) {
    auto signature = Signature::parse(article.signature);
    if (!signature || !signature->judgeable()) continue;
    std::uint64_t story = 0;
    std::from_chars(article.story.data(), article.story.data() + article.story.size(), story, 16);
    committed_.add(article.id, article.day, story, *signature);
  }
  committed_.rebuild([](int) { return false; });
  // Memory now holds every stored article that can be a candidate, those of forgotten days too.
  stored_first_day_ = stored_last_day_ = kUndated;
  stored_undated_ = false;
  forgotten_days_.clear();
}

void StoryAssigner::forget_least_used_days() {
  // Whole days, the least recently written to first, down to three quarters of the budget
  // (so that the next batches do not each forget a day).
  std::unordered_map<int, std::size_t> articles;
  for (int day : committed_.days()) ++articles[day];
  std::vector<std::pair<std::uint64_t, int>> by_use;
  for (const auto& [day, count] : articles) {
    auto used = day_used_.find(day);
    by_use.emplace_back(used == day_used_.end() ? 0 : used->second, day);
  }
  std::sort(by_use.begin(), by_use.end());
  const double keep = static_cast<double>(limits_.committed_budget) * 3 / 4 /
                      static_cast<double>(committed_.bytes());
  auto left = static_cast<double>(committed_.size());
  const double target = left * keep;
  std::unordered_set<int> forget;
  for (const auto& [used, day] : by_use) {
    if (left <= target) break;
    forget.insert(day);
    forgotten_days_.insert(day);
    left -= static_cast<double>(articles[day]);
  }
  committed_.rebuild([&forget](int day) { return forget.contains(day); });
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
  if (day == kUndated) return stored_undated_ || forgotten_days_.contains(kUndated);
  const int first = day - options_.window_days, last = day + options_.window_days;
  if (stored_first_day_ != kUndated && last >= stored_first_day_ && first <= stored_last_day_)
    return true;
  auto forgotten = forgotten_days_.lower_bound(first);
  return forgotten != forgotten_days_.end() && *forgotten <= last;
}

bool StoryAssigner::in_window(int a, int b) const {
  if (a == kUndated || b == kUndated) return a == b;  // undated copies join undated ones only
  return std::abs(a - b) <= options_.window_days;
}

StoryAssigner::CandidateSet StoryAssigner::candidates(const Signature& signature, int day) const {
  CandidateSet out;
  // The article itself is in neither: assign() removed it from pending_ and overrides it.
  std::unordered_set<std::uint32_t> seen_pending, seen_committed;
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
    // Then this run's earlier batches, up to the same number an article; only those similar
    // enough are copied out.
    committed_.for_each_with_key(key, kMaxCandidatesPerKey - taken, [&](std::uint32_t index) {
      const CommittedStories::Article article = committed_.article(index);
      if (!in_window(day, article.day)) return true;
      if (!seen_committed.insert(index).second) return true;
      auto parsed = committed_.signature(index);
      if (!parsed || signer_.similarity(signature, *parsed) < options_.threshold) return true;
      const StoredCandidate& stored = out.stored.emplace_back(
          StoredCandidate{std::string(article.id), hex16(article.story), std::move(*parsed)});
      out.list.push_back({stored.id, article.day, stored.story, &stored.signature});
      return true;
    });
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
  ++shard_lookups_;  // retried on a moved snapshot: counted again, as it is read again
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
    // Those in memory are there already, as they are now.
    if (overridden(other) || committed_.contains(other) || seen_stored.contains(other)) continue;
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
  day_used_[day] = ++clock_;
  if (!tried_loading_ && shard_lookups_ >= limits_.lookups_before_loading && may_be_stored(day)) {
    tried_loading_ = true;
    read_snapshot([&] { load_stored(); });
  }

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
  committed_.remove(id);
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Entry& entry = entries_[it->second];
  entry.live = false;  // its links stay, skipped, until the next reopen
  entry.signature = Signature{};
  pending_.erase(it);
}

}  // namespace dateline
