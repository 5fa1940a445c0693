// How many of a file's warnings and bad records are printed: the first 100 of each file, one
// line each; the rest are counted per reason and summarised in one line when the file ends,
// so that a file of millions of bad lines is read at reading speed, not at terminal speed,
// and its report still says what was wrong with it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace dateline {

class DiagnosticBudget {
 public:
  static constexpr std::uint64_t kShownPerFile = 100;

  // Starts counting for the file `file`; returns the summary of the previous one ("" when
  // every diagnostic of it was shown).
  std::string start_file(std::string_view file);
  // Whether a diagnostic with `reason` is to be shown; when not, it is counted.
  bool admit(std::string_view reason);
  // The summary of the current file, as start_file() returns it, and the count reset.
  std::string finish_file();

 private:
  // Similar reasons count together: digits and quoted values stand for any.
  static std::string reason_kind(std::string_view reason);

  std::string file_;
  std::uint64_t seen_ = 0;
  std::uint64_t hidden_ = 0;
  std::map<std::string, std::uint64_t> hidden_by_reason_;
  std::string last_reason_;  // the reason last counted, and its count
  std::uint64_t* last_count_ = nullptr;
};

}  // namespace dateline
