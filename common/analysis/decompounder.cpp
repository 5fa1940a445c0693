#include "analysis/decompounder.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <fstream>

#include "analysis/analyzer.h"
#include "util/utf8.h"

namespace dateline {
namespace {

// Debian's German word list (package wngerman); a standard path, not a file of ours.
constexpr const char* kGermanWordList = "/usr/share/dict/ngerman";

constexpr std::string_view kLinks[] = {"s", "es", "n", "en", "e", "er"};

// Analyzer::fold() of a word of ASCII letters, umlauts and ß, without ICU (the list's 356,000
// words through ICU would cost half a second): lower case, umlauts to their base letter, ß to
// ss, exactly as fold() does. Any other character: fold() itself.
std::string fold_german(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      continue;
    }
    const auto next = i + 1 < word.size() ? static_cast<unsigned char>(word[i + 1]) : 0;
    if (c != 0xC3) return Analyzer::fold(word);
    switch (next) {
      case 0xA4:
      case 0x84:
        out += 'a';
        break;  // ä Ä
      case 0xB6:
      case 0x96:
        out += 'o';
        break;  // ö Ö
      case 0xBC:
      case 0x9C:
        out += 'u';
        break;  // ü Ü
      case 0x9F:
        out += "ss";
        break;  // ß
      default:
        return Analyzer::fold(word);
    }
    ++i;
  }
  return out;
}

// Nouns are what German compounds are made of, and German writes them capitalised: the
// list's capitalised words are the parts; its other words (verbs, adjectives, particles) are
// never split, so "erstellen" is no erst + Ellen and "unterstützt" no unter + stützt.
std::unique_ptr<Decompounder> load_german() {
  std::ifstream in(kGermanWordList);
  if (!in) return nullptr;
  // Only the folded words' fingerprints are kept, in arrays sized from the list's size: the
  // list is loaded once per process and its loading should leave no heap behind.
  std::error_code error;
  const auto list_bytes =
      static_cast<std::size_t>(std::filesystem::file_size(kGermanWordList, error));
  std::vector<std::uint64_t> nouns, others;
  if (!error) {
    nouns.reserve(list_bytes / 40);   // about a third of the words, of 13 bytes and a newline
    others.reserve(list_bytes / 18);  // two thirds
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || !utf8::is_valid(line)) continue;
    UChar32 first = 0;
    int32_t at = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(line.data()), at, static_cast<int32_t>(line.size()),
            first);
    const std::string folded = fold_german(line);
    if (!u_isupper(first)) {
      others.push_back(WordSet::fingerprint(folded));
    } else if (utf8::char_starts(folded).size() >= Decompounder::kMinPartChars &&
               folded != "schaft") {  // a suffix the list also has as a noun: no Gewerk + Schaft
      nouns.push_back(WordSet::fingerprint(folded));
    }
  }
  WordSet noun_set(nouns);
  // "Fall" is a noun, so "fallen" is never split
  std::erase_if(others, [&](std::uint64_t word) { return noun_set.contains_fingerprint(word); });
  return std::make_unique<Decompounder>(std::move(noun_set), WordSet(others));
}

}  // namespace

const Decompounder* Decompounder::for_language(std::string_view lang) {
  if (lang != "de") return nullptr;
  static const std::unique_ptr<Decompounder> german = load_german();
  return german.get();
}

bool Decompounder::available(std::string_view lang) {
  if (lang != "de") return false;
  static const bool readable = std::ifstream(kGermanWordList).good();
  return readable;
}

std::vector<std::string> Decompounder::parts(std::string_view word) const {
  std::vector<std::size_t> starts = utf8::char_starts(word);
  if (starts.size() < kMinWordChars || not_nouns_.contains(word)) return {};
  starts.push_back(word.size());
  const std::size_t n = starts.size() - 1;  // characters
  // fewest[i]: the fewest parts covering the first i characters; from[i], part_end[i]: where
  // the last of them starts, and where its word (without a linking element) ends, in bytes.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> fewest(n + 1, kNone), from(n + 1, 0), part_end(n + 1, 0);
  fewest[0] = 0;
  std::string piece;
  for (std::size_t i = kMinPartChars; i <= n; ++i) {
    for (std::size_t j = 0; j + kMinPartChars <= i; ++j) {
      if (fewest[j] == kNone || fewest[j] + 1 >= fewest[i]) continue;
      if (j == 0 && i == n) continue;  // the word itself, which the list may hold, is no part
      piece.assign(word.substr(starts[j], starts[i] - starts[j]));
      std::size_t end = starts[i];
      bool found = words_.contains(piece);
      for (std::size_t l = 0; !found && i < n && l < std::size(kLinks); ++l) {
        const std::string_view link = kLinks[l];
        if (piece.size() < link.size() || !piece.ends_with(link)) continue;
        const std::string_view stem = std::string_view(piece).substr(0, piece.size() - link.size());
        if (utf8::char_starts(stem).size() < kMinPartChars || !words_.contains(stem)) continue;
        found = true;
        end = starts[i] - link.size();
      }
      if (!found) continue;
      fewest[i] = fewest[j] + 1;
      from[i] = starts[j];
      part_end[i] = end;
    }
  }
  if (fewest[n] == kNone || fewest[n] < 2) return {};
  std::vector<std::string> out;
  for (std::size_t i = n; i > 0;) {
    out.emplace_back(word.substr(from[i], part_end[i] - from[i]));
    // the character index whose byte offset is from[i]
    std::size_t c = i;
    while (starts[c] != from[i]) --c;
    i = c;
  }
  return {out.rbegin(), out.rend()};
}

std::string Decompounder::description() {
  std::error_code error;
  const auto size = std::filesystem::file_size(kGermanWordList, error);
  if (error) return "none";
  return "de ngerman " + std::to_string(size) + " bytes, parts of " +
         std::to_string(kMinPartChars) + "+ chars";
}

}  // namespace dateline
