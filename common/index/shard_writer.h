// Writes articles into a Xapian database: add or replace by id, skip unchanged, delete, commit.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/analyzer.h"
#include "dateline/article.h"
#include "dateline/index.h"
#include "index/document_builder.h"

namespace dateline {

enum class WriteOutcome { kAdded, kUpdated, kUnchanged };

// What one add() did to the counts of the run: its outcome, measured against the database as
// it was before the run, and, when the same id was added earlier in the run, the outcome
// counted then, which this one replaces (so a run that gives an id twice counts it once).
struct WriteChange {
  WriteOutcome outcome;
  std::optional<WriteOutcome> replaces{};
};

// Sets article.lang to the language it will be indexed in (its own; else detected; else
// `default_lang`) and returns the hash of the article as it will be analysed, so that an
// article is "unchanged" exactly when re-indexing it would produce the same document.
std::string resolve_and_hash(Article& article, const std::string& default_lang);

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
  // was last indexed. `hash` is resolve_and_hash(article) (the article's lang already resolved by
  // it); unchanged when it equals the stored one. Counted against the database before the run
  // (WriteChange). `story` is what the article's story is (index/story_assigner.h); `body_tokens`,
  // when given, are the analyzer's tokens of article.body. Throws DatabaseError.
  WriteChange add(Article article, std::string_view hash, const StoryFields& story = {},
                  const std::vector<Token>* body_tokens = nullptr);
  // Removes the article with `id`; false when there is none.
  bool remove(std::string_view id);
  // Makes every change so far durable (commit and fsync). Throws DatabaseError (e.g. disk full).
  void commit();
  // Drops every change since the last commit.
  void abandon();

  Xapian::doccount document_count() const;

 private:
  void begin_batch();
  void commit_if_due();
  // Commits the batch; `durable`: also fsyncs the database folder.
  void commit_batch(bool durable);
  void flush_spelling();

  std::string path_;
  IndexOptions options_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  DocumentBuilder builder_;
  bool in_transaction_ = false;
  std::uint64_t pending_bytes_ = 0;
  std::unordered_map<std::string, Xapian::termcount> pending_spelling_;
  // Each id added by this writer so far: the content hash it had before (0: it was absent)
  // and the outcome counted. About 40 bytes an article, the price of counting repeats right.
  struct Earlier {
    std::uint64_t hash_before = 0;
    WriteOutcome counted = WriteOutcome::kAdded;
  };
  std::unordered_map<std::uint64_t, Earlier> this_run_;
};

}  // namespace dateline
