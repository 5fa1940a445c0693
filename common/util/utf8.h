// UTF-8 validation and repair.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline::utf8 {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or truncated sequences).
bool is_valid(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD (one per maximal subpart, as the
// Unicode standard recommends). Valid input comes back unchanged.
std::string repair(std::string_view text);

// Number of characters (code points) in valid UTF-8 `text`.
std::size_t count_chars(std::string_view text);

// The byte offset of every character of valid UTF-8 `text`, in order.
std::vector<std::size_t> char_starts(std::string_view text);

// Any bytes made fit to quote in a message or log line: repaired UTF-8, ASCII control
// characters as '?', and at most `max_bytes` (cut at a character, with "…" after).
std::string excerpt(std::string_view bytes, std::size_t max_bytes);

// True when `offset` does not fall inside a multi-byte character of `text`.
inline bool is_boundary(std::string_view text, std::size_t offset) {
  return offset >= text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

}  // namespace dateline::utf8
