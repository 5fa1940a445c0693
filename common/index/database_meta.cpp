#include "index/database_meta.h"

#include "analysis/analyzer.h"
#include "dateline/errors.h"
#include "index/schema.h"

namespace dateline {

void write_schema(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kVersion));
  db.set_metadata(std::string(schema::kAnalyzerKey), Analyzer::settings_description());
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
}

}  // namespace dateline
