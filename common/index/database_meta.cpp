#include "index/database_meta.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "analysis/analyzer.h"
#include "dateline/errors.h"
#include "index/schema.h"

namespace dateline {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

std::string settings_json(const Settings& settings) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, value] : settings) j[name] = value;
  return j.dump();
}

// "icu 72.1 (this build: 74.2), cjk absent (this build: words+bigrams)": every setting whose
// stored value differs from this build's. Empty when they agree.
std::string settings_difference(const std::string& stored_json, const Settings& current) {
  const auto stored = nlohmann::json::parse(stored_json, nullptr, /*allow_exceptions=*/false);
  if (!stored.is_object()) return "unreadable settings \"" + stored_json.substr(0, 80) + "\"";
  std::string out;
  auto note = [&out](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  for (const auto& [name, value] : current) {
    const auto it = stored.find(name);
    const std::string was = it != stored.end() && it->is_string() ? it->get<std::string>()
                            : it != stored.end()                  ? it->dump()
                                                                  : std::string("absent");
    if (was != value) note(name + " " + was + " (this build: " + value + ")");
  }
  for (const auto& item : stored.items()) {
    const std::string& name = item.key();  // a plain reference: clang 14 cannot capture bindings
    const bool known = std::any_of(current.begin(), current.end(),
                                   [&](const auto& setting) { return setting.first == name; });
    if (!known) note(name + " " + item.value().dump() + " (unknown to this build)");
  }
  return out;
}

}  // namespace

std::string analyzer_settings_json() { return settings_json(Analyzer::settings()); }

void write_schema(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kVersion));
  db.set_metadata(std::string(schema::kAnalyzerKey), analyzer_settings_json());
}

void check_schema(const Xapian::Database& db, const std::string& path) {
  const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  if (version.empty()) {
    if (db.get_doccount() == 0) return;
    throw DatabaseError(path + ": not a Dateline database (no schema version in its metadata)");
  }
  if (version != std::to_string(schema::kVersion)) {
    throw DatabaseError(path + ": written with Dateline schema version " + version +
                        ", this build reads version " + std::to_string(schema::kVersion) +
                        "; re-index the articles into a new database");
  }
  const std::string difference =
      settings_difference(db.get_metadata(std::string(schema::kAnalyzerKey)), Analyzer::settings());
  if (!difference.empty()) {
    throw DatabaseError(path + ": analysed with other settings than this build's: " + difference +
                        "; re-index the articles into a new database");
  }
}

}  // namespace dateline
