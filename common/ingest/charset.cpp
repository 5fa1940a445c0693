#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <memory>
#include <optional>

#include "util/ascii.h"
#include "util/utf8.h"

namespace dateline {
namespace {

// The detector's guesses below this confidence (0-100) are not trusted: short Latin texts get
// 10-30 for several charsets at once.
constexpr int32_t kMinConfidence = 50;
// The HTML standard's prescan looks at the first 1024 bytes for a charset declaration.
constexpr std::size_t kPrescanBytes = 1024;

struct Bom {
  std::string_view bytes;
  const char* charset;
};

std::optional<std::pair<const char*, std::size_t>> bom_charset(std::string_view bytes) {
  static constexpr Bom kBoms[] = {{"\xEF\xBB\xBF", "UTF-8"},
                                  {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                                  {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                                  {"\xFF\xFE", "UTF-16LE"},
                                  {"\xFE\xFF", "UTF-16BE"}};
  for (const Bom& bom : kBoms) {
    if (bytes.starts_with(bom.bytes)) return std::make_pair(bom.charset, bom.bytes.size());
  }
  return std::nullopt;
}

// The charset a page declares in its first bytes: <meta charset="x"> or <meta
// http-equiv="Content-Type" content="text/html; charset=x">, lower case; "" when none.
std::string declared_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, kPrescanBytes));
  const std::string_view h(head);
  for (std::size_t at = h.find("<meta"); at != std::string_view::npos;
       at = h.find("<meta", at + 5)) {
    const std::string_view tag = h.substr(at, h.find('>', at) - at);
    std::size_t i = tag.find("charset");
    if (i == std::string_view::npos) continue;
    i = tag.find_first_not_of(" \t\r\n", i + 7);
    if (i == std::string_view::npos || tag[i] != '=') continue;
    i = tag.find_first_not_of(" \t\r\n\"'", i + 1);
    if (i == std::string_view::npos) continue;
    const std::size_t end = tag.find_first_of(" \t\r\n\"';/", i);
    return std::string(tag.substr(i, end == std::string_view::npos ? end : end - i));
  }
  return {};
}

// Browsers read these labels as windows-1252, which only adds printable characters.
std::string effective_charset(const std::string& label) {
  if (label == "iso-8859-1" || label == "latin1" || label == "us-ascii" || label == "ascii" ||
      label == "l1" || label == "iso8859-1" || label == "cp1252") {
    return "windows-1252";
  }
  return label;
}

bool is_utf8_label(const std::string& label) { return label == "utf-8" || label == "utf8"; }

// `bytes` converted from `charset` to UTF-8; nothing when ICU does not know the charset.
std::optional<std::string> convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::unique_ptr<UConverter, void (*)(UConverter*)> owner(converter, ucnv_close);
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter,
                                status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

// The detector's confident guess for bytes that are not UTF-8, or "".
std::string detected_charset(std::string_view bytes, TextKind kind) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> detector(ucsdet_open(&status),
                                                                          ucsdet_close);
  if (U_FAILURE(status)) return {};
  const std::string_view sample = bytes.substr(0, 64 * 1024);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  ucsdet_enableInputFilter(detector.get(), kind == TextKind::kHtml);  // skip <tags>
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return {};
  if (ucsdet_getConfidence(match, &status) < kMinConfidence) return {};
  const char* name = ucsdet_getName(match, &status);
  return U_FAILURE(status) || name == nullptr ? std::string() : ascii_lower(name);
}

}  // namespace

DecodedText to_utf8(std::string_view bytes, TextKind kind) {
  if (const auto bom = bom_charset(bytes)) {
    const std::string_view rest = bytes.substr(bom->second);
    if (std::string_view(bom->first) == "UTF-8") return {std::string(rest), "", false};
    if (auto text = convert(rest, bom->first)) return {std::move(*text), bom->first, false};
  }
  if (kind == TextKind::kHtml) {
    const std::string label = effective_charset(declared_charset(bytes));
    if (!label.empty() && !is_utf8_label(label)) {
      if (auto text = convert(bytes, label)) return {std::move(*text), label, false};
    }
  }
  if (utf8::is_valid(bytes)) return {std::string(bytes), "", false};
  const std::string guess = effective_charset(detected_charset(bytes, kind));
  if (!guess.empty() && !is_utf8_label(guess)) {
    if (auto text = convert(bytes, guess)) return {std::move(*text), guess, true};
  }
  return {std::string(bytes), "", false};
}

}  // namespace dateline
