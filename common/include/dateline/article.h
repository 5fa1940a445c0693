// The article model: what every reader produces and the index stores.
#pragma once

#include <string>
#include <vector>

namespace dateline {

// One news article. Every string is valid UTF-8. Fields a source does not give are empty.
struct Article {
  std::string id{};  // unique within a database; never empty once a reader has finished
  std::string title{};
  std::string body{};
  std::string date{};  // normalised: "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown
  std::vector<std::string> authors{};
  std::string source{};
  std::string url{};
  std::string lang{};  // BCP 47 primary language subtag, lower case ("en", "zh"); may be empty
  std::vector<std::string> tags{};

  bool operator==(const Article&) const = default;
};

}  // namespace dateline
