// Unsigned integers in 7 bits a byte, low bits first, the high bit set on every byte but the
// last (the LEB128 form Xapian and Protocol Buffers use): small numbers take one byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace dateline::varint {

template <typename Unsigned>
void put(std::string& out, Unsigned value) {
  static_assert(std::is_unsigned_v<Unsigned>);
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Reads one number from the front of `in` and drops its bytes; false when `in` ends inside it
// or it takes more bytes than `Unsigned` can fill (bits past its width in the last byte are
// dropped).
template <typename Unsigned>
bool get(std::string_view& in, Unsigned& value) {
  static_assert(std::is_unsigned_v<Unsigned>);
  value = 0;
  for (unsigned shift = 0; shift < sizeof(Unsigned) * 8 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    value |= static_cast<Unsigned>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace dateline::varint
