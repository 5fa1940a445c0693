// Text in other charsets, converted to UTF-8 before any reader sees it: a byte order mark, an
// HTML page's declared charset (<meta charset>, or http-equiv Content-Type), or, for bytes
// that are not UTF-8, ICU's charset detector.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

enum class TextKind { kPlain, kHtml };

struct DecodedText {
  std::string text;       // UTF-8 (when `charset` is empty: the bytes as they were)
  std::string charset;    // what it was converted from ("windows-1252", "UTF-16LE"); empty: none
  bool detected = false;  // the charset was guessed by the detector, not declared
};

// `bytes` as UTF-8: a BOM decides first (and is dropped); then, for HTML, the charset the page
// declares in its first 1024 bytes; then bytes that are valid UTF-8 stay as they are; else the
// detector's guess when it is confident. Otherwise the bytes come back unchanged (for the
// caller's UTF-8 check to report). Latin-1 declarations are read as windows-1252, as browsers
// do. Thread-safe.
DecodedText to_utf8(std::string_view bytes, TextKind kind);

}  // namespace dateline
