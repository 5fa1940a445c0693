// Writes articles into a Xapian database: add or replace by id, skip unchanged, delete, commit.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/analyzer.h"
#include "dateline/article.h"
#include "dateline/index.h"
#include "index/document_builder.h"

namespace dateline {

enum class WriteOutcome { kAdded, kUpdated, kUnchanged };

// A hash of the article as given plus what decides how it is analysed, so that an article is
// "unchanged" exactly when re-indexing it would produce the same document.
std::string content_hash(const Article& article, std::string_view default_lang);

// One writer per database at a time (Xapian's lock; a second writer gets DatabaseError).
// Not thread-safe. Every change is inside a transaction committed by commit() or when
// options.commit_bytes of text have been added (0: only by commit()), so the database on disk is
// always at a commit: an interrupted run loses at most the changes since the last commit, and
// re-running it replaces instead of doubling.
class ShardWriter {
 public:
  // Opens the database at `path`, creating it when absent. Throws DatabaseError.
  ShardWriter(const std::string& path, const IndexOptions& options);
  ~ShardWriter();  // drops uncommitted changes
  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  // Adds `article`, replacing the one with the same id; skips it when it is unchanged since it
  // was last indexed (same fields, same default language). The article's lang, when empty, is
  // detected. Throws DatabaseError.
  // `story` is what the article's story is (index/story_assigner.h); `body_tokens`, when given,
  // are the analyzer's tokens of article.body.
  WriteOutcome add(Article article, const StoryFields& story = {},
                   const std::vector<Token>* body_tokens = nullptr);
  // Removes the article with `id`; false when there is none.
  bool remove(std::string_view id);
  // Makes every change so far durable. Throws DatabaseError (e.g. disk full).
  void commit();
  // Drops every change since the last commit.
  void abandon();

  Xapian::doccount document_count() const;

 private:
  void begin_batch();
  void commit_if_due();
  void flush_spelling();

  std::string path_;
  IndexOptions options_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  DocumentBuilder builder_;
  bool in_transaction_ = false;
  std::uint64_t pending_bytes_ = 0;
  std::unordered_map<std::string, Xapian::termcount> pending_spelling_;
};

}  // namespace dateline
