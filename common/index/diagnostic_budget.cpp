#include "index/diagnostic_budget.h"

#include <algorithm>
#include <vector>

namespace dateline {

namespace {
constexpr std::size_t kMaxKinds = 20;  // past this, reasons are counted as "other reasons"
}

std::string DiagnosticBudget::start_file(std::string_view file) {
  std::string summary = finish_file();
  file_ = file;
  return summary;
}

bool DiagnosticBudget::admit(std::string_view reason) {
  if (++seen_ <= kShownPerFile) return true;
  ++hidden_;
  // A flood repeats one reason: counted without reading it again.
  if (last_count_ != nullptr && reason == last_reason_) {
    ++*last_count_;
    return false;
  }
  std::string kind = reason_kind(reason);
  if (hidden_by_reason_.size() >= kMaxKinds && !hidden_by_reason_.count(kind)) {
    kind = "other reasons";
  }
  last_count_ = &++hidden_by_reason_[kind];
  last_reason_ = reason;
  return false;
}

std::string DiagnosticBudget::finish_file() {
  std::string summary;
  if (hidden_ > 0) {
    std::vector<std::pair<std::string, std::uint64_t>> kinds(hidden_by_reason_.begin(),
                                                             hidden_by_reason_.end());
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    summary = file_ + ": " + std::to_string(hidden_) + " more bad records and warnings, not shown:";
    const char* separator = " ";
    for (const auto& [kind, count] : kinds) {
      summary += separator + std::to_string(count) + " x " + kind;
      separator = "; ";
    }
  }
  seen_ = hidden_ = 0;
  hidden_by_reason_.clear();
  last_count_ = nullptr;
  return summary;
}

std::string DiagnosticBudget::reason_kind(std::string_view reason) {
  std::string kind;
  char quote = 0;
  for (const char c : reason) {
    if (quote) {
      if (c == quote) {
        kind += "…";
        kind += c;
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      kind += c;
    } else if (c >= '0' && c <= '9') {
      if (kind.empty() || kind.back() != 'N') kind += 'N';
    } else {
      kind += c;
    }
  }
  if (quote) kind += "…";
  return kind;
}

}  // namespace dateline
