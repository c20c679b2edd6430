// Worker threads block in ChildProcess::wait so that the event loop never does; an eventfd wakes
// the loop when outcomes are ready. Why threads rather than pidfds in the loop: ChildProcess owns
// the output pipes and its wait() already does the bounded capture, the drain-with-grace when a
// forked daemon keeps stdout open, and the SIGTERM -> SIGKILL sequence; lrmd reuses all of it.
#include "lrmd/thread_pool_executor.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace pacer::lrmd {

Result<std::unique_ptr<ThreadPoolExecutor>> ThreadPoolExecutor::create(ipc::EventLoop& loop,
                                                                       const Clock& clock,
                                                                       size_t threads) {
  UniqueFd wakeup(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wakeup) return Status::from_errno("eventfd for the executor");
  auto executor = std::make_unique<ThreadPoolExecutor>(Private{}, loop, clock, std::move(wakeup));
  ThreadPoolExecutor* self = executor.get();
  Status watched = loop.watch_fd(self->wakeup_.get(), POLLIN,
                                 [self](int, std::uint32_t) { self->deliver(); });
  if (!watched) return watched.with_context("watching the executor's eventfd");
  executor->ensure_threads(threads);
  return executor;
}

ThreadPoolExecutor::ThreadPoolExecutor(Private, ipc::EventLoop& loop, const Clock& clock,
                                       UniqueFd wakeup)
    : loop_(loop), clock_(clock), wakeup_(std::move(wakeup)) {}

ThreadPoolExecutor::~ThreadPoolExecutor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
    // Jobs still running must not outlive lrmd's decision to go: their waits return at once.
    for (pid_t group : running_) ::kill(-group, SIGKILL);
  }
  work_ready_.notify_all();
  for (auto& t : workers_) t.join();
  loop_.unwatch_fd(wakeup_.get());
}

void ThreadPoolExecutor::ensure_threads(size_t threads) {
  while (workers_.size() < threads) workers_.emplace_back([this] { worker(); });
}

void ThreadPoolExecutor::execute(ExecJob job, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Task{std::move(job), std::move(done)});
  }
  work_ready_.notify_one();
}

void ThreadPoolExecutor::worker() {
  while (true) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    ExecOutcome outcome = run(task.job);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      finished_.push_back(Finished{std::move(outcome), std::move(task.done)});
    }
    std::uint64_t one = 1;
    ssize_t ignored = ::write(wakeup_.get(), &one, sizeof one);
    (void)ignored;
  }
}

ExecOutcome ThreadPoolExecutor::run(const ExecJob& job) {
  SpawnOptions options;
  options.argv = job.argv;
  options.env = job.env;
  options.working_directory = "/";
  MonoTime started = clock_.monotonic();
  auto child = ChildProcess::spawn(options);
  if (!child) return ExecOutcome{child.status(), -1, started, clock_.monotonic()};
  pid_t pid = child->pid();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) ::kill(-pid, SIGKILL);
    running_.insert(pid);
  }
  Result<ExitStatus> exit = child->wait(job.timeout, job.kill_grace);
  {
    std::lock_guard lock(mutex_);
    running_.erase(pid);
  }
  return ExecOutcome{std::move(exit), pid, started, clock_.monotonic()};
}

void ThreadPoolExecutor::deliver() {
  std::uint64_t count = 0;
  ssize_t ignored = ::read(wakeup_.get(), &count, sizeof count);
  (void)ignored;
  std::vector<Finished> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(finished_);
  }
  for (auto& f : batch) f.done(std::move(f.outcome));
}

}  // namespace pacer::lrmd
