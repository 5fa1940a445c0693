// Traditional Chinese characters to Simplified (體育 -> 体育, 臺灣 -> 台湾), so that news in
// either script finds the other. Character by character, from ICU's "Traditional-Simplified"
// transliterator, read once into a table: the transliterator itself costs microseconds a call.
#pragma once

#include <unicode/umachine.h>

namespace dateline {

// The Simplified form of the Han character `c`, or `c` when it has none (or is no Han
// character of the Basic Multilingual Plane). Thread-safe; the first call builds the table.
UChar32 han_simplified(UChar32 c);

inline bool is_bmp_han(UChar32 c) { return c >= 0x3400 && c <= 0x9FFF; }

}  // namespace dateline
