#include "util/hash.h"

#include <xxhash.h>

#include <cstdio>

namespace dateline {
namespace {

std::string to_hex(XXH128_hash_t hash) {
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return hex;
}

}  // namespace

struct FieldHasher::State {
  State() { XXH3_128bits_reset(xxh); }
  ~State() { XXH3_freeState(xxh); }
  XXH3_state_t* xxh = XXH3_createState();
};

FieldHasher::FieldHasher() : state_(std::make_unique<State>()) {}
FieldHasher::~FieldHasher() = default;

FieldHasher& FieldHasher::add(std::string_view field) {
  XXH3_128bits_update(state_->xxh, field.data(), field.size());
  XXH3_128bits_update(state_->xxh, "\x1f", 1);
  return *this;
}

std::string FieldHasher::hex() const { return to_hex(XXH3_128bits_digest(state_->xxh)); }

std::string hex128(std::string_view data) { return to_hex(XXH3_128bits(data.data(), data.size())); }

std::uint64_t hash64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

}  // namespace dateline
