// The public Index: a ShardedWriter over the database's shard layout.
#include "dateline/index.h"

#include "dateline/errors.h"
#include "index/shard_writer.h"
#include "index/shard_layout.h"
#include "index/sharded_writer.h"

namespace dateline {

struct Index::Impl {
  Impl(const std::string& path, const IndexOptions& options)
      : writer(open_shard_layout(path, options.shards), writer_options(options), options.threads) {}
  ShardedWriter writer;
};

Index::Index(const std::string& path, const IndexOptions& options)
    : impl_(std::make_unique<Impl>(path, options)) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

void Index::add(Article article) {
  if (article.id.empty()) throw DatabaseError("an article to index needs an id");
  impl_->writer.add(std::move(article));
}

void Index::remove(const std::string& id) { impl_->writer.remove(id); }

void Index::commit() { impl_->writer.commit(); }

IndexCounts Index::counts() const {
  const WriteCounts& c = impl_->writer.counts();
  return IndexCounts{
      .added = c.added, .updated = c.updated, .unchanged = c.unchanged, .deleted = c.deleted};
}

std::vector<std::string> Index::missing_ids() const { return impl_->writer.missing_ids(); }

}  // namespace dateline
