// The names of enum values as users type them (flags, HTTP parameters) and as messages list
// them: one table per enum, beside the enum's declaration, drives parsing, naming, the
// command-line checks and the error messages, so the lists can never disagree.
//
//   template <> struct Names<SortOrder> {
//     static constexpr std::string_view kNames = "relevance newest oldest";  // in enum order
//     static constexpr std::string_view kAliases = "date=newest";            // also accepted
//   };
//   parse_name<SortOrder>("newest")   -> SortOrder::kNewest      (and "date")
//   name_of(SortOrder::kNewest)       -> "newest"
//   names_of<SortOrder>()             -> {"relevance", "newest", "oldest"}
//   names_list<SortOrder>()           -> "relevance, newest or oldest"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Specialised for each named enum, whose values must be 0, 1, 2... in declaration order:
// kNames, the canonical names in that order separated by spaces, and kAliases, other accepted
// spellings as "alias=name" separated by spaces.
template <typename Enum>
struct Names;

namespace detail {

// The `index`th space-separated word of `words`, or "" past the last.
constexpr std::string_view word_at(std::string_view words, std::size_t index) {
  for (std::size_t i = 0;; ++i) {
    const std::size_t space = words.find(' ');
    if (i == index) return words.substr(0, space);
    if (space == std::string_view::npos) return {};
    words.remove_prefix(space + 1);
  }
}

}  // namespace detail

template <typename Enum>
constexpr std::optional<Enum> parse_name(std::string_view name) {
  for (std::size_t i = 0;; ++i) {
    const std::string_view word = detail::word_at(Names<Enum>::kNames, i);
    if (word.empty()) break;
    if (word == name) return static_cast<Enum>(i);
  }
  for (std::size_t i = 0;; ++i) {
    const std::string_view alias = detail::word_at(Names<Enum>::kAliases, i);
    if (alias.empty()) break;
    const std::size_t equals = alias.find('=');
    if (alias.substr(0, equals) == name) return parse_name<Enum>(alias.substr(equals + 1));
  }
  return std::nullopt;
}

template <typename Enum>
constexpr std::string_view name_of(Enum value) {
  return detail::word_at(Names<Enum>::kNames, static_cast<std::size_t>(value));
}

template <typename Enum>
std::vector<std::string> names_of() {
  std::vector<std::string> names;
  for (std::size_t i = 0; !detail::word_at(Names<Enum>::kNames, i).empty(); ++i) {
    names.emplace_back(detail::word_at(Names<Enum>::kNames, i));
  }
  return names;
}

template <typename Enum>
std::string names_list() {
  const std::vector<std::string> names = names_of<Enum>();
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace dateline
