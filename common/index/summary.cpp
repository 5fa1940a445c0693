#include "dateline/index_summary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace dateline {

namespace {
double per_second(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0; }
// Rounds to `places` decimals (see result_render.cpp on why the division).
double round_to(double value, int places) {
  const double scale = std::pow(10.0, places);
  return std::round(value * scale) / scale;
}
}  // namespace

double IndexSummary::articles_per_second() const {
  return per_second(static_cast<double>(articles()), seconds);
}

double IndexSummary::mb_per_second() const {
  return per_second(static_cast<double>(bytes_read) / 1e6, seconds);
}

std::string IndexSummary::to_json() const {
  nlohmann::ordered_json j;
  j["added"] = added;
  j["updated"] = updated;
  j["unchanged"] = unchanged;
  j["deleted"] = deleted;
  j["skipped"] = skipped;
  j["warnings"] = warnings;
  j["files_ignored"] = files_ignored;
  j["seconds"] = round_to(seconds, 3);
  j["articles_per_second"] = round_to(articles_per_second(), 1);
  j["mb_per_second"] = round_to(mb_per_second(), 2);
  j["committed"] = !aborted;
  j["interrupted"] = interrupted;
  return j.dump();
}

std::string IndexSummary::to_text() const {
  char line[256];
  std::snprintf(line, sizeof line,
                "added %llu, updated %llu, unchanged %llu, deleted %llu, skipped %llu in %.2f s "
                "(%.0f articles/s, %.2f MB/s)",
                static_cast<unsigned long long>(added), static_cast<unsigned long long>(updated),
                static_cast<unsigned long long>(unchanged),
                static_cast<unsigned long long>(deleted), static_cast<unsigned long long>(skipped),
                seconds, articles_per_second(), mb_per_second());
  std::string text = line;
  if (warnings) text += ", " + std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s");
  if (files_ignored) {
    text += ", " + std::to_string(files_ignored) + " file" + (files_ignored == 1 ? "" : "s") +
            " of other types not read (--verbose lists them)";
  }
  if (aborted) text += "; --strict: nothing committed";
  if (interrupted) {
    text += "; interrupted: the " + std::to_string(articles()) +
            " articles read so far are committed, run the same command again to index the rest "
            "(what is already indexed is skipped as unchanged)";
  }
  return text;
}

}  // namespace dateline
