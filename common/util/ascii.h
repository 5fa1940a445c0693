// Small ASCII text helpers shared by the readers and parsers.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace dateline {

// `s` without leading and trailing ASCII whitespace.
inline std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// `s` with ASCII letters in lower case (other bytes as they are).
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace dateline
