#include "index/shard_writer.h"

#include "analysis/language_detect.h"
#include "dateline/errors.h"
#include "index/database_meta.h"
#include "index/folder_sync.h"
#include "index/schema.h"
#include "index/stored_article.h"
#include "util/hash.h"

namespace dateline {

namespace {

std::string detect_or_default(const Article& article, const std::string& default_lang);

}  // namespace

// The language is the one the article will be indexed in: its own, else the detected one, else
// the default, so that another --lang re-indexes only the articles whose language the default
// decided.
std::string resolve_and_hash(Article& a, const std::string& default_lang) {
  const bool lang_given = !a.lang.empty();
  if (!lang_given) a.lang = detect_or_default(a, default_lang);
  static const std::string kSettings = std::to_string(schema::kVersion) + analyzer_settings_json();
  FieldHasher hasher;
  hasher.add(kSettings).add(a.id).add(a.title).add(a.body).add(a.date).add(a.source).add(a.url);
  hasher.add(a.lang).add(lang_given ? "" : "detected");
  for (const auto* list : {&a.authors, &a.tags}) {
    hasher.add(std::to_string(list->size()));
    for (const std::string& item : *list) hasher.add(item);
  }
  return hasher.hex();
}

namespace {

std::string detect_or_default(const Article& article, const std::string& default_lang) {
  std::string sample = article.title;
  sample += '\n';
  sample.append(article.body, 0, std::min<std::size_t>(article.body.size(), 8192));
  std::string lang = detect_language(sample);
  return lang.empty() ? default_lang : lang;
}

}  // namespace

ShardWriter::ShardWriter(const std::string& path, const IndexOptions& options)
    : path_(path), options_(options), builder_(analyzer_) {
  try {
    // Commits by size are not fsynced (they survive a killed process, not a power cut); commit()
    // and the end of a run sync the whole folder. Measured: fsync per batch cost more than the
    // batch itself once batches are small.
    db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError(path + ": locked by another indexer; wait for it to finish");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open or create the database: " + e.get_description());
  }
  check_schema(db_, path);
  if (db_.get_metadata(std::string(schema::kSchemaVersionKey)).empty()) {
    write_schema(db_);
    db_.commit();
    sync_folder(path_);
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

WriteChange ShardWriter::add(Article article, std::string_view hash, const StoryFields& story,
                             const std::vector<Token>* body_tokens) {
  try {
    const std::string term = schema::id_term(article.id);
    std::string stored_hash;
    if (auto it = db_.postlist_begin(term); it != db_.postlist_end(term)) {
      stored_hash = db_.get_document(*it).get_value(schema::kHashSlot);
    }
    // Measured against the database before this run, so that an id given twice, the later
    // copy as indexed last time, is unchanged in all (not "updated" on every run).
    const auto [earlier, first_time] = this_run_.try_emplace(
        hash64(term), Earlier{.hash_before = stored_hash.empty() ? 0 : hash64(stored_hash)});
    const std::uint64_t before = earlier->second.hash_before;
    const WriteOutcome outcome = before == 0              ? WriteOutcome::kAdded
                                 : before == hash64(hash) ? WriteOutcome::kUnchanged
                                                          : WriteOutcome::kUpdated;
    WriteChange change{.outcome = outcome};
    if (!first_time) change.replaces = earlier->second.counted;
    earlier->second.counted = outcome;
    if (stored_hash == hash) return change;
    db_.replace_document(term, builder_.build(article, hash, story, body_tokens));
    for (const std::string& word : builder_.spelling_words()) ++pending_spelling_[word];
    pending_bytes_ += article.title.size() + article.body.size() + 64;
    commit_if_due();
    return change;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": cannot write article " + article.id + ": " +
                        e.get_description());
  }
}

bool ShardWriter::remove(std::string_view id) {
  try {
    const std::string term = schema::id_term(id);
    if (!db_.term_exists(term)) return false;
    db_.delete_document(term);
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": cannot delete " + std::string(id) + ": " + e.get_description());
  }
}

void ShardWriter::commit_if_due() {
  if (options_.commit_bytes > 0 && pending_bytes_ >= options_.commit_bytes) {
    commit_batch(/*durable=*/false);
  }
}

void ShardWriter::flush_spelling() {
  // Spelling data counts the articles a word occurs in. Counted here per batch, so Xapian
  // gets one call per distinct word rather than one per word of every article. Words of
  // replaced or deleted articles are not taken back: suggestions only need the word to exist.
  for (const auto& [word, count] : pending_spelling_) db_.add_spelling(word, count);
  pending_spelling_.clear();
}

void ShardWriter::commit() { commit_batch(/*durable=*/true); }

void ShardWriter::commit_batch(bool durable) {
  try {
    flush_spelling();
    db_.commit_transaction();
    in_transaction_ = false;
    if (durable) sync_folder(path_);
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
    sync_folder(path_);  // what the batches before committed is kept, durably
    begin_batch();
  }
}

Xapian::doccount ShardWriter::document_count() const { return db_.get_doccount(); }

}  // namespace dateline
