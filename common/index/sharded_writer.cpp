#include "index/sharded_writer.h"

#include <algorithm>

#include "dateline/errors.h"
#include "util/date.h"
#include "util/lang_tag.h"

namespace dateline {

namespace {
constexpr std::size_t kQueueLimit = 256;  // articles waiting per worker: bounds memory
}

ShardedWriter::ShardedWriter(const ShardLayout& layout, IndexOptions options)
    : layout_(layout),
      threads_(std::min(std::max<std::size_t>(options.threads, 1), layout.count())) {
  const auto lang = language_of_tag(options.default_lang);
  if (!lang) throw UsageError(unknown_language_message(options.default_lang));
  options.default_lang = *lang;
  // Each shard commits after its share of the batch, so memory stays what one writer used.
  if (options.commit_bytes > 0) {
    options.commit_bytes =
        std::max<std::uint64_t>(options.commit_bytes / layout.count(), 256u << 10);
  }
  for (const std::string& path : layout.shard_paths) {
    writers_.push_back(std::make_unique<ShardWriter>(path, options));
  }
  options_ = options;
  if (options.stories) {
    stories_ = std::make_unique<StoryAssigner>(
        signer_, StoryOptions{.window_days = std::max(options.story_window_days, 0)});
    stories_->reopen(layout_.shard_paths);
  }
  start_workers();
}

void ShardedWriter::start_workers() {
  if (layout_.count() == 1 && threads_ == 1) return;  // the simple case: no threads at all
  for (std::size_t i = 0; i < threads_; ++i) {
    workers_.push_back(std::make_unique<Worker>());
    Worker& w = *workers_.back();
    w.thread = std::thread([this, &w] { work(w); });
  }
}

ShardedWriter::~ShardedWriter() {
  for (auto& w : workers_) {
    std::lock_guard lock(w->mutex);
    w->queue.clear();  // uncommitted work is dropped anyway
  }
  join_workers();
}

void ShardedWriter::work(Worker& w) {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(w.mutex);
      w.changed.wait(lock, [&] { return w.closing || !w.queue.empty(); });
      if (w.queue.empty()) return;
      task = std::move(w.queue.front());
      w.queue.pop_front();
    }
    w.changed.notify_all();  // room in the queue, or the queue drained
    if (failed_) continue;   // after an error, drain without doing anything
    try {
      task.run(*writers_[task.shard]);
    } catch (...) {
      std::lock_guard lock(shared_mutex_);
      if (!error_) error_ = std::current_exception();
      failed_ = true;
    }
  }
}

void ShardedWriter::rethrow_error() {
  std::lock_guard lock(shared_mutex_);
  if (error_) std::rethrow_exception(error_);
}

void ShardedWriter::submit(std::size_t shard, std::function<void(ShardWriter&)> run) {
  if (workers_.empty()) {
    run(*writers_[shard]);
    return;
  }
  if (failed_) rethrow_error();
  Worker& w = *workers_[shard % workers_.size()];
  {
    std::unique_lock lock(w.mutex);
    w.changed.wait(lock, [&] { return w.queue.size() < kQueueLimit || failed_; });
    w.queue.push_back(Task{shard, std::move(run)});
  }
  w.changed.notify_all();
}

void ShardedWriter::join_workers() {
  for (auto& w : workers_) {
    {
      std::lock_guard lock(w->mutex);
      w->closing = true;  // the worker finishes its queue, then stops
    }
    w->changed.notify_all();
    w->thread.join();
  }
  workers_.clear();
}

namespace {
// An article on its way to a worker, with its story and the tokens its signature came from.
struct Job {
  Article article;
  std::string hash;  // resolve_and_hash(article)
  StoryFields story;
  std::vector<Token> tokens;
  bool tokenized = false;
};
}  // namespace

void ShardedWriter::add(Article article) {
  const std::size_t shard = layout_.shard_for(article.id);
  auto job = std::make_shared<Job>();
  std::optional<std::int64_t> instant;
  if (auto date = parse_date(article.date)) instant = date->start_instant();
  job->hash = resolve_and_hash(article, options_.default_lang);
  const std::string& hash = job->hash;
  if (!stories_) {
    job->story = lone_story(article.id, instant);
  } else {
    if (!stories_->unchanged(article.id, hash)) {
      analyzer_.tokenize(article.body, job->tokens);
      job->tokenized = true;
      job->story =
          stories_->assign(article.id, hash, instant, signer_.sign(article.body, job->tokens));
    }
  }
  job->article = std::move(article);
  submit(shard, [this, job](ShardWriter& writer) {
    count(writer.add(std::move(job->article), job->hash, job->story,
                     job->tokenized ? &job->tokens : nullptr));
  });
  if (stories_ && options_.commit_bytes > 0 && stories_->pending() >= kMaxPendingStories) {
    commit();  // the assigner now finds those articles in the shards
    stories_->reopen(layout_.shard_paths);
  }
}

void ShardedWriter::count(const WriteChange& change) {
  const auto counter = [this](WriteOutcome outcome) {
    return std::atomic_ref(outcome == WriteOutcome::kAdded     ? counts_.added
                           : outcome == WriteOutcome::kUpdated ? counts_.updated
                                                               : counts_.unchanged);
  };
  counter(change.outcome).fetch_add(1, std::memory_order_relaxed);
  if (change.replaces) counter(*change.replaces).fetch_sub(1, std::memory_order_relaxed);
}

IndexCounts ShardedWriter::counts() const {
  auto read = [](const std::uint64_t& counter) {
    return std::atomic_ref(const_cast<std::uint64_t&>(counter)).load(std::memory_order_relaxed);
  };
  return IndexCounts{.added = read(counts_.added),
                     .updated = read(counts_.updated),
                     .unchanged = read(counts_.unchanged),
                     .deleted = read(counts_.deleted)};
}

void ShardedWriter::remove(const std::string& id) {
  if (stories_) stories_->remove(id);
  submit(layout_.shard_for(id), [this, id](ShardWriter& writer) {
    if (writer.remove(id)) {
      std::atomic_ref(counts_.deleted).fetch_add(1, std::memory_order_relaxed);
    } else {
      std::lock_guard lock(shared_mutex_);
      missing_.push_back(id);
    }
  });
}

void ShardedWriter::finish() {
  for (std::size_t shard = 0; shard < writers_.size(); ++shard) {
    submit(shard, [](ShardWriter& writer) { writer.commit(); });
  }
  join_workers();
  rethrow_error();
}

void ShardedWriter::commit() {
  finish();
  start_workers();
}

void ShardedWriter::abandon() {
  join_workers();
  for (auto& writer : writers_) writer->abandon();  // every shard, even after an error
  if (stories_) stories_->reopen(layout_.shard_paths, StoryAssigner::Written::kDropped);
}

std::vector<std::string> ShardedWriter::missing_ids() const {
  std::lock_guard lock(shared_mutex_);
  return missing_;
}

}  // namespace dateline
