// libFuzzer target: the JSON Lines reader on arbitrary bytes (records, limits, UTF-8, repair).
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "fuzz_sink.h"
#include "ingest/byte_source.h"
#include "ingest/jsonl_reader.h"

namespace {

// Serves the fuzzer's bytes as a stream, in small reads so line splitting is exercised.
class MemorySource final : public dateline::ByteSource {
 public:
  MemorySource(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min({size, size_ - at_, std::size_t{97}});
    std::memcpy(buffer, data_ + at_, n);
    at_ += n;
    return n;
  }
  std::uint64_t raw_bytes_read() const override { return at_; }

 private:
  const uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (bool repair : {false, true}) {
    MemorySource source(data, size);
    dateline::fuzz::CheckingSink sink;
    dateline::read_jsonl(source, "fuzz", {.repair_utf8 = repair, .max_record_bytes = 4096}, sink);
  }
  return 0;
}
