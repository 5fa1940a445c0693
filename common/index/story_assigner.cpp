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

// The number of a story id (16 hex digits).
std::uint64_t story_number(std::string_view story) {
  std::uint64_t number = 0;
  std::from_chars(story.data(), story.data() + story.size(), number, 16);
  return number;
}

std::string hex16(std::uint64_t value) {
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(value));
  return out;
}

// A band key shared by very many articles is boilerplate, not a copy: looking at more of them
// would only cost time (a chance key is shared with one article in 65,536).
constexpr std::size_t kMaxCandidatesPerKey = 200;
constexpr std::size_t kMaxVisitsPerKey = 8 * kMaxCandidatesPerKey;

}  // namespace

std::string utc_day(std::int64_t instant) {
  const Date date = date_of_instant(instant);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", date.year, date.month, date.day);
  return out;
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
    stored_before_run_ = !snapshot_empty_;
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
  if (written == Written::kDropped) {
    forgotten_days_.merge(overridden_days_);
    run_spans_.clear();  // some of their articles may not be stored
  }
  overridden_days_.clear();
  for (const Entry& entry : entries_) {
    if (written == Written::kDropped) {
      forgotten_days_.insert(entry.day);
    } else if (entry.live && entry.signature.judgeable()) {
      committed_.add(entry.id, entry.day, story_number(entry.story), entry.signature);
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
  if (memory_bytes() > limits_.committed_budget) forget_least_used_days();
}

bool StoryAssigner::needs_loading(int day) const {
  if (forgotten_days_.contains(day)) return true;
  if (snapshot_empty_ || loaded_days_.contains(day)) return false;
  if (day == kUndated) return stored_undated_;
  return stored_first_day_ != kUndated && day >= stored_first_day_ && day <= stored_last_day_;
}

void StoryAssigner::load_window(int day) {
  std::vector<int> window;
  if (day == kUndated) {
    if (needs_loading(kUndated)) window.push_back(kUndated);
  } else {
    for (int d = day - options_.window_days; d <= day + options_.window_days; ++d) {
      if (needs_loading(d)) window.push_back(d);
    }
  }
  if (window.empty()) return;

  const std::vector<std::pair<int, std::size_t>> days = read_snapshot([&] {
    std::vector<std::pair<int, std::size_t>> out;
    std::size_t articles = 0;
    for (int d : window) {
      const Xapian::doccount count = snapshot_.get_termfreq(day_term(d));
      out.emplace_back(d, count);
      articles += count;
    }
    // A window of more than half the budget takes each day's newest, in proportion.
    const std::size_t most =
        std::max(limits_.committed_budget / 2 / kCommittedArticleBytes, kMinLoadArticles);
    if (articles > most) {
      for (auto& [d, count] : out) count = count * most / articles;
      return out;
    }
    // Otherwise whole days: a count is a cap only when capped (a commit that moves the snapshot
    // on between counting and loading adds postings).
    for (auto& [d, count] : out) count = SIZE_MAX;
    if (day == kUndated) return out;
    // And the days next to the window, the nearest first, while they fit in an eighth of the
    // budget: the articles to come, of about these days, then load nothing more.
    const std::size_t room = limits_.committed_budget / 8 / kCommittedArticleBytes;
    for (int step = options_.window_days + 1; step <= kLoadReachDays && articles < room; ++step) {
      for (int d : {day - step, day + step}) {
        if (!needs_loading(d)) continue;
        const Xapian::doccount count = snapshot_.get_termfreq(day_term(d));
        if (articles + count > room) continue;
        articles += count;
        out.emplace_back(d, SIZE_MAX);
      }
    }
    return out;
  });
  read_snapshot([&] { load_days(days); });
  ++shard_loads_;
  for (const auto& [d, count] : days) {
    forgotten_days_.erase(d);
    loaded_days_.insert(d);
    day_used_[d] = ++clock_;
  }
  if (memory_bytes() > limits_.committed_budget) forget_least_used_days(day);
}

std::string StoryAssigner::day_term(int day) {
  return schema::story_day_term(day == kUndated ? "" : utc_day(std::int64_t{day} * kSecondsPerDay));
}

void StoryAssigner::load_days(const std::vector<std::pair<int, std::size_t>>& days) {
  // The days' articles in docid order, so that each slot's values are read in one pass over its
  // stream, where reading a document's values one by one costs a tree lookup each.
  std::vector<std::pair<Xapian::docid, int>> docs;
  for (const auto& [day, most] : days) {
    const std::string term = day_term(day);
    const std::size_t first = docs.size();
    for (auto post = snapshot_.postlist_begin(term); post != snapshot_.postlist_end(term); ++post)
      docs.emplace_back(*post, day);
    // The most recently written: the highest docids of one shard (of several, roughly).
    if (docs.size() - first > most) {
      std::sort(docs.begin() + static_cast<std::ptrdiff_t>(first), docs.end());
      docs.erase(docs.begin() + static_cast<std::ptrdiff_t>(first),
                 docs.end() - static_cast<std::ptrdiff_t>(most));
    }
  }
  std::sort(docs.begin(), docs.end());
  struct Stored {
    std::string id, story;
    Signature signature;
    int day;
  };
  std::vector<Stored> stored;
  ValueStreamReader ids(snapshot_, schema::kIdSlot), stories(snapshot_, schema::kStorySlot),
      signatures(snapshot_, schema::kSignatureSlot);
  for (const auto& [docid, day] : docs) {
    std::string id = ids.value(docid);
    if (id.empty()) continue;
    if (overridden(id)) {
      overridden_days_.insert(day);  // the shards keep it if this batch is dropped
      continue;
    }
    if (committed_.contains(id)) continue;  // in memory already, as it is now
    auto signature = Signature::parse(signatures.value(docid));
    if (!signature || !signature->judgeable()) continue;
    stored.push_back(Stored{std::move(id), stories.value(docid), std::move(*signature), day});
  }
  // Added after every contains() above: the table finds what was added since its last rebuild
  // by a scan.
  for (const Stored& article : stored) {
    committed_.add(article.id, article.day, story_number(article.story), article.signature);
  }
  committed_.rebuild([](int) { return false; });
}

void StoryAssigner::forget_least_used_days(std::optional<int> keep) {
  // Whole days, the least recently used first, down to three quarters of the budget (so that
  // the next batches do not each forget a day).
  std::unordered_map<int, std::size_t> articles;
  for (int day : committed_.days()) ++articles[day];
  std::vector<std::pair<std::uint64_t, int>> by_use;
  for (const auto& [day, count] : articles) {
    if (keep && in_window(*keep, day)) continue;
    auto used = day_used_.find(day);
    by_use.emplace_back(used == day_used_.end() ? 0 : used->second, day);
  }
  std::sort(by_use.begin(), by_use.end());
  const double kept =
      static_cast<double>(limits_.committed_budget) * 3 / 4 / static_cast<double>(memory_bytes());
  auto left = static_cast<double>(committed_.size());
  const double target = left * kept;
  std::unordered_set<int> forget;
  for (const auto& [used, day] : by_use) {
    if (left <= target) break;
    forget.insert(day);
    forgotten_days_.insert(day);
    loaded_days_.erase(day);
    left -= static_cast<double>(articles[day]);
  }
  // A forgotten article's story is read from the shards again.
  committed_.for_each_article([&](const CommittedStories::Article& article) {
    if (forget.contains(article.day)) run_spans_.erase(article.story);
  });
  committed_.rebuild([&forget](int day) { return forget.contains(day); });
}

bool StoryAssigner::overridden(const std::string& id) const {
  return pending_.contains(id) || removed_.contains(id);
}

bool StoryAssigner::unchanged(const std::string& id, const std::string& hash) const {
  if (auto it = pending_.find(id); it != pending_.end()) return entries_[it->second].hash == hash;
  if (removed_.contains(id) || snapshot_empty_) return false;
  if (!stored_before_run_ && !written_ids_.may_contain(hash64(id))) return false;
  return read_snapshot([&] {
    auto doc = schema::document_by_id(snapshot_, id);
    return doc && doc->get_value(schema::kHashSlot) == hash;
  });
}

bool StoryAssigner::in_window(int a, int b) const {
  if (a == kUndated || b == kUndated) return a == b;  // undated copies join undated ones only
  return std::abs(a - b) <= options_.window_days;
}

StoryAssigner::CandidateSet StoryAssigner::candidates(const Signature& signature, int day) const {
  CandidateSet out;
  // The article itself is in neither: assign() removed it from pending_ and overrides it.
  std::unordered_set<std::uint32_t> seen_pending, seen_committed;
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
    // Then the compact table's, up to the same number an article (those outside the window do
    // not count: a load brings the days around it too; kMaxVisitsPerKey visited at most); only
    // those similar enough are copied out.
    committed_.for_each_with_key(
        key, kMaxCandidatesPerKey - taken,
        [&](std::uint32_t index) {
          const CommittedStories::Article article = committed_.article(index);
          if (!in_window(day, article.day)) return false;
          if (!seen_committed.insert(index).second) return true;
          auto parsed = committed_.signature(index);
          if (!parsed || signer_.similarity(signature, *parsed) < options_.threshold) return true;
          const KeptCandidate& kept = out.kept.emplace_back(
              KeptCandidate{std::string(article.id), hex16(article.story), std::move(*parsed)});
          out.list.push_back({kept.id, article.day, kept.story, &kept.signature});
          return true;
        },
        kMaxVisitsPerKey);
  }
  return out;
}

const StoryAssigner::Span& StoryAssigner::span_of(const std::string& story) {
  if (auto it = spans_.find(story); it != spans_.end()) return it->second;
  if (auto run = run_spans_.find(story_number(story)); run != run_spans_.end())
    return spans_.emplace(story, run->second).first->second;
  // The days of the story's stored articles (those written since the snapshot were added to
  // the span as they were written, after this first look).
  ++span_reads_;
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
  written_ids_.add(hash64(id));
  const int day = instant ? day_number(*instant) : kUndated;
  day_used_[day] = ++clock_;
  load_window(day);

  const Candidate* best = nullptr;
  double best_similarity = 0;
  const CandidateSet found = candidates(signature, day);
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
  auto [span, fresh] = spans_.try_emplace(fields.story, Span{day, day});
  if (day != kUndated) {
    if (!fresh && span->second.first == kUndated) span->second = {day, day};
    span->second.first = std::min(span->second.first, day);
    span->second.last = std::max(span->second.last, day);
  }
  // A story begun here, or joined while memory knows all of it, keeps its span across batches.
  const std::uint64_t number = story_number(fields.story);
  if (!best && fields.signature.judgeable()) {
    run_spans_[number] = span->second;
  } else if (auto run = run_spans_.find(number); run != run_spans_.end()) {
    run->second = span->second;
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
  if (const auto removed = committed_.remove(id)) {
    overridden_days_.insert(removed->day);
    run_spans_.erase(removed->story);  // its span may shrink: read from the shards
  }
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Entry& entry = entries_[it->second];
  run_spans_.erase(story_number(entry.story));
  entry.live = false;  // its links stay, skipped, until the next reopen
  entry.signature = Signature{};
  pending_.erase(it);
}

}  // namespace dateline
