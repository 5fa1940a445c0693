// The names of enum values as users type them (flags, HTTP parameters) and as messages list
// them: one table per enum, beside the enum's declaration, drives parsing, naming, the
// command-line checks and the error messages, so the lists can never disagree.
//
//   parse_name<SortOrder>("newest")   -> SortOrder::kNewest
//   name_of(SortOrder::kNewest)       -> "newest"
//   names_of<SortOrder>()             -> {"relevance", "newest", "oldest"}  (no aliases)
//   names_list<SortOrder>()           -> "relevance, newest or oldest"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

template <typename Enum>
struct NameEntry {
  Enum value;
  std::string_view name;
  bool alias = false;  // accepted, but not listed (an older or shorter spelling)
};

// Specialised for each named enum with `static constexpr NameEntry<Enum> kTable[]`, the
// canonical name of each value first.
template <typename Enum>
struct Names;

template <typename Enum>
constexpr std::optional<Enum> parse_name(std::string_view name) {
  for (const auto& entry : Names<Enum>::kTable) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

template <typename Enum>
constexpr std::string_view name_of(Enum value) {
  for (const auto& entry : Names<Enum>::kTable) {
    if (entry.value == value && !entry.alias) return entry.name;
  }
  return {};
}

template <typename Enum>
std::vector<std::string> names_of() {
  std::vector<std::string> names;
  for (const auto& entry : Names<Enum>::kTable) {
    if (!entry.alias) names.emplace_back(entry.name);
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
