// libFuzzer target: the date parser; an accepted date must be a real one and round-trip.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto date = dateline::parse_date(text)) {
    if (date->year < 1 || date->year > 9999 || date->month < 0 || date->month > 12) std::abort();
    const auto again = dateline::parse_date(date->to_string());
    if (!again || !(*again == *date)) std::abort();
  }
  return 0;
}
