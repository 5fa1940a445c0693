// The public Index: finish_article() and a ShardedWriter over the database's shard layout.
#include "dateline/index.h"

#include "dateline/errors.h"
#include "index/shard_layout.h"
#include "index/sharded_writer.h"
#include "ingest/article_rules.h"
#include "util/error_edge.h"

namespace dateline {

struct Index::Impl {
  Impl(const std::string& db_path, const IndexOptions& options)
      : path(db_path), writer(open_shard_layout(db_path, options.shards), options) {}
  std::string path;
  ShardedWriter writer;
};

Index::Index(const std::string& path, const IndexOptions& options)
    : impl_(at_api_edge<DatabaseError>(path,
                                       [&] { return std::make_unique<Impl>(path, options); })) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

std::vector<std::string> Index::add(Article article) {
  ArticleCheck check = finish_article(article);
  if (!check.error.empty()) {
    throw UsageError("article " + (article.id.empty() ? std::string("without an id") : article.id) +
                     ": " + check.error);
  }
  at_api_edge<DatabaseError>(impl_->path, [&] { impl_->writer.add(std::move(article)); });
  return std::move(check.warnings);
}

void Index::remove(const std::string& id) {
  at_api_edge<DatabaseError>(impl_->path, [&] { impl_->writer.remove(id); });
}

void Index::commit() {
  at_api_edge<DatabaseError>(impl_->path, [&] { impl_->writer.commit(); });
}

IndexCounts Index::counts() const { return impl_->writer.counts(); }

std::vector<std::string> Index::missing_ids() const { return impl_->writer.missing_ids(); }

}  // namespace dateline
