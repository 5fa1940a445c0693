#include "ingest/article_sink.h"

namespace dateline {

std::string Location::to_string() const {
  std::string out(file);
  if (line > 0) out += ":" + std::to_string(line);
  return out;
}

}  // namespace dateline
