#include "index/word_map.h"

#include <cstdint>

#include "util/varint.h"

namespace dateline {

namespace {

bool is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Whether analysis of the body from tokens[i]'s first byte gives tokens[i..] unchanged: ICU
// breaks after whitespace by rule, while dictionary segmentation of a CJK run depends on the
// whole run.
bool restarts_cleanly(std::string_view body, const std::vector<Token>& tokens, std::size_t i) {
  const Token& t = tokens[i];
  return t.start > 0 && is_space_byte(body[t.start - 1]) && !is_cjk(t.kind) &&
         !is_cjk(tokens[i - 1].kind);
}

}  // namespace

WordMap WordMap::of(std::string_view body, const std::vector<Token>& tokens,
                    std::uint32_t first_position) {
  WordMap map;
  map.first_position = first_position;
  map.words = static_cast<std::uint32_t>(tokens.size());
  std::size_t next = kWordsPerMark;
  for (std::size_t i = next; i < tokens.size(); ++i) {
    if (!restarts_cleanly(body, tokens, i)) continue;
    map.marks.push_back({static_cast<std::uint32_t>(i), tokens[i].start});
    i = next = i + kWordsPerMark - 1;  // the loop's ++i makes it i + kWordsPerMark
  }
  return map;
}

std::string WordMap::serialize() const {
  std::string out;
  varint::put(out, first_position);
  varint::put(out, words);
  varint::put(out, marks.size());
  Mark last;
  for (const Mark& mark : marks) {
    varint::put(out, mark.word - last.word);
    varint::put(out, mark.byte - last.byte);
    last = mark;
  }
  return out;
}

std::optional<WordMap> WordMap::parse(std::string_view bytes) {
  WordMap map;
  std::size_t count = 0;
  if (!varint::get(bytes, map.first_position) || !varint::get(bytes, map.words) ||
      !varint::get(bytes, count) || count > bytes.size() / 2) {
    return std::nullopt;
  }
  Mark last;
  map.marks.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t word_step = 0, byte_step = 0;
    if (!varint::get(bytes, word_step) || !varint::get(bytes, byte_step) || word_step == 0 ||
        byte_step == 0 || word_step >= map.words - last.word ||
        byte_step > UINT32_MAX - last.byte) {
      return std::nullopt;
    }
    last = {last.word + word_step, last.byte + byte_step};
    map.marks.push_back(last);
  }
  if (!bytes.empty()) return std::nullopt;
  return map;
}

}  // namespace dateline
