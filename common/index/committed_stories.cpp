#include "index/committed_stories.h"

#include <algorithm>

#include "util/hash.h"

namespace dateline {

namespace {

std::uint32_t start_of(const std::vector<std::uint32_t>& ends, std::uint32_t index) {
  return index == 0 ? 0 : ends[index - 1];
}

}  // namespace

void CommittedStories::add(std::string_view id, int day, std::uint64_t story,
                           const Signature& signature) {
  ids_.append(id);
  id_ends_.push_back(static_cast<std::uint32_t>(ids_.size()));
  signatures_.append(signature.serialize());
  sig_ends_.push_back(static_cast<std::uint32_t>(signatures_.size()));
  days_.push_back(day);
  stories_.push_back(story);
  live_.push_back(true);
  ++live_count_;
}

std::string_view CommittedStories::id_of(std::uint32_t index) const {
  const std::uint32_t start = start_of(id_ends_, index);
  return std::string_view(ids_).substr(start, id_ends_[index] - start);
}

CommittedStories::Article CommittedStories::article(std::uint32_t index) const {
  return Article{id_of(index), days_[index], stories_[index]};
}

std::optional<Signature> CommittedStories::signature(std::uint32_t index) const {
  const std::uint32_t start = start_of(sig_ends_, index);
  return Signature::parse(std::string_view(signatures_).substr(start, sig_ends_[index] - start));
}

std::uint32_t CommittedStories::find(std::string_view id) const {
  const std::uint64_t hash = hash64(id);
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::pair{hash, std::uint32_t{0}});
  for (; it != by_id_.end() && it->first == hash; ++it) {
    if (live_[it->second] && id_of(it->second) == id) return it->second;
  }
  for (auto index = static_cast<std::uint32_t>(days_.size()); index-- > indexed_;) {
    if (live_[index] && id_of(index) == id) return index;
  }
  return kNone;
}

std::optional<CommittedStories::Removed> CommittedStories::remove(std::string_view id) {
  const std::uint32_t index = find(id);
  if (index == kNone) return std::nullopt;
  live_[index] = false;
  --live_count_;
  return Removed{days_[index], stories_[index]};
}

std::vector<int> CommittedStories::days() const {
  std::vector<int> out;
  out.reserve(live_count_);
  for (std::size_t i = 0; i < days_.size(); ++i) {
    if (live_[i]) out.push_back(days_[i]);
  }
  return out;
}

void CommittedStories::rebuild(const std::function<bool(int day)>& drop) {
  bool dropping = false;
  for (std::uint32_t i = 0; i < days_.size() && !dropping; ++i)
    dropping = !live_[i] || drop(days_[i]);
  if (!dropping) {
    index();  // in place: no copy of the arenas
    return;
  }
  CommittedStories kept;
  for (std::uint32_t i = 0; i < days_.size(); ++i) {
    if (!live_[i] || drop(days_[i])) continue;
    const std::uint32_t start = start_of(sig_ends_, i);
    kept.ids_.append(id_of(i));
    kept.id_ends_.push_back(static_cast<std::uint32_t>(kept.ids_.size()));
    kept.signatures_.append(signatures_, start, sig_ends_[i] - start);
    kept.sig_ends_.push_back(static_cast<std::uint32_t>(kept.signatures_.size()));
    kept.days_.push_back(days_[i]);
    kept.stories_.push_back(stories_[i]);
  }
  const auto count = static_cast<std::uint32_t>(kept.days_.size());
  kept.live_.assign(count, true);
  kept.live_count_ = count;
  kept.index();
  *this = std::move(kept);
}

void CommittedStories::index() {
  const auto count = static_cast<std::uint32_t>(days_.size());
  // The arenas grew by doubling: what they hold is kept until the next rebuild.
  ids_.shrink_to_fit();
  signatures_.shrink_to_fit();
  id_ends_.shrink_to_fit();
  sig_ends_.shrink_to_fit();
  days_.shrink_to_fit();
  stories_.shrink_to_fit();

  // The band keys, counted then placed (a counting sort: keys are below bands << 16). The
  // signatures are parsed twice rather than their keys held: no transient copy of them all.
  const auto for_each_key = [this, count](auto&& use) {
    for (std::uint32_t i = 0; i < count; ++i) {
      if (auto parsed = signature(i)) {
        for (std::uint32_t key : NearDuplicateSigner::band_keys_of(*parsed)) use(i, key);
      }
    }
  };
  std::vector<std::uint32_t>& starts = key_starts_;
  starts.clear();
  for_each_key([&](std::uint32_t, std::uint32_t key) {
    if (key + std::size_t{2} > starts.size()) starts.resize(key + std::size_t{2}, 0);
    ++starts[key + 1];
  });
  for (std::size_t k = 1; k < starts.size(); ++k) starts[k] += starts[k - 1];
  keyed_.resize(starts.empty() ? 0 : starts.back());
  std::vector<std::uint32_t> next(starts);
  for_each_key([&](std::uint32_t i, std::uint32_t key) { keyed_[next[key]++] = i; });

  by_id_.clear();
  by_id_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) by_id_.emplace_back(hash64(id_of(i)), i);
  std::sort(by_id_.begin(), by_id_.end());
  indexed_ = count;
}

std::size_t CommittedStories::bytes() const {
  return ids_.capacity() + signatures_.capacity() +
         (id_ends_.capacity() + sig_ends_.capacity() + key_starts_.capacity() + keyed_.capacity()) *
             sizeof(std::uint32_t) +
         days_.capacity() * sizeof(int) + stories_.capacity() * sizeof(std::uint64_t) +
         live_.capacity() / 8 + by_id_.capacity() * sizeof(by_id_[0]);
}

}  // namespace dateline
