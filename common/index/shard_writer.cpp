#include "index/shard_writer.h"

#include <xxhash.h>

#include <cstdio>

#include "index/database_meta.h"
#include "dateline/errors.h"
#include "analysis/language_detect.h"
#include "index/schema.h"
#include "index/stored_article.h"

namespace dateline {

IndexWriterOptions writer_options(const IndexOptions& options) {
  return IndexWriterOptions{
      .default_lang = options.default_lang.empty() ? "en" : options.default_lang,
      .commit_bytes = options.commit_bytes,
      .commit_only_when_asked = false};
}
namespace {

// Hash of the article as read plus what decides how it is analysed, so that an article is
// "unchanged" exactly when re-indexing it would produce the same document.
std::string content_hash(const Article& article, std::string_view default_lang) {
  std::string key = to_stored(article);
  key += '\x1f';
  key.append(default_lang);
  key += '\x1f';
  key += std::to_string(schema::kVersion);
  static const std::string kSettings = Analyzer::settings_description();
  key += kSettings;  // analysed differently means changed
  const XXH128_hash_t hash = XXH3_128bits(key.data(), key.size());
  char hex[40];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return hex;
}

std::string detect_or_default(const Article& article, const std::string& default_lang) {
  std::string sample = article.title;
  sample += '\n';
  sample.append(article.body, 0, std::min<std::size_t>(article.body.size(), 8192));
  std::string lang = detect_language(sample);
  return lang.empty() ? default_lang : lang;
}

}  // namespace

ShardWriter::ShardWriter(const std::string& path, IndexWriterOptions options)
    : path_(path), options_(std::move(options)), builder_(analyzer_) {
  try {
    db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError(path + ": locked by another indexer; wait for it to finish");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open or create the database: " + e.get_description());
  }
  check_schema(db_, path);
  if (db_.get_metadata(std::string(schema::kSchemaVersionKey)).empty()) {
    write_schema(db_);
    db_.commit();
  }
  begin_batch();
}

ShardWriter::~ShardWriter() {
  try {
    if (in_transaction_) db_.cancel_transaction();
  } catch (...) {
    // Nothing to do: uncommitted changes are gone either way.
  }
}

void ShardWriter::begin_batch() {
  // A flushed transaction: Xapian does not auto-commit inside it, so commits happen exactly
  // where we decide (by size, or at the end of a --strict run).
  db_.begin_transaction(/*flushed=*/true);
  in_transaction_ = true;
  pending_bytes_ = 0;
}

WriteOutcome ShardWriter::add(Article article) {
  try {
    const std::string term = id_term(article.id);
    const std::string hash = content_hash(article, options_.default_lang);
    bool exists = false;
    if (auto it = db_.postlist_begin(term); it != db_.postlist_end(term)) {
      exists = true;
      if (db_.get_document(*it).get_value(schema::kHashSlot) == hash) {
        return WriteOutcome::kUnchanged;
      }
    }
    if (article.lang.empty()) article.lang = detect_or_default(article, options_.default_lang);
    db_.replace_document(term, builder_.build(article, hash));
    for (const std::string& word : builder_.spelling_words()) ++pending_spelling_[word];
    pending_bytes_ += article.title.size() + article.body.size() + 64;
    commit_if_due();
    return exists ? WriteOutcome::kUpdated : WriteOutcome::kAdded;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": cannot write article " + article.id + ": " +
                        e.get_description());
  }
}

bool ShardWriter::remove(std::string_view id) {
  try {
    const std::string term = id_term(id);
    if (!db_.term_exists(term)) return false;
    db_.delete_document(term);
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": cannot delete " + std::string(id) + ": " + e.get_description());
  }
}

void ShardWriter::commit_if_due() {
  if (!options_.commit_only_when_asked && pending_bytes_ >= options_.commit_bytes) commit();
}

void ShardWriter::flush_spelling() {
  // Spelling data counts the articles a word occurs in. Counted here per batch, so Xapian
  // gets one call per distinct word rather than one per word of every article. Words of
  // replaced or deleted articles are not taken back: suggestions only need the word to exist.
  for (const auto& [word, count] : pending_spelling_) db_.add_spelling(word, count);
  pending_spelling_.clear();
}

void ShardWriter::commit() {
  try {
    flush_spelling();
    db_.commit_transaction();
    in_transaction_ = false;
    begin_batch();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": commit failed: " + e.get_description());
  }
}

void ShardWriter::abandon() {
  pending_spelling_.clear();
  if (in_transaction_) {
    in_transaction_ = false;
    db_.cancel_transaction();
    begin_batch();
  }
}

Xapian::doccount ShardWriter::document_count() const { return db_.get_doccount(); }

}  // namespace dateline
