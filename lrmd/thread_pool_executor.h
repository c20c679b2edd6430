// ThreadPoolExecutor: runs agent commands on worker threads, each blocking in ChildProcess::wait
// (own process group, bounded output capture, SIGTERM -> grace -> SIGKILL to the whole group on
// timeout), and hands each outcome back to the event loop through an eventfd.
//
// Threads: jobs queue until a worker is free; the pool is sized by the caller (lrmd's parallelism
// limit), and grows with ensure_threads(). The destructor SIGKILLs the process group of every job
// still running, drops queued jobs (their callbacks are not called) and joins the workers.
// execute() and the callbacks run on the loop thread; the loop must outlive the executor.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/ipc/event_loop.h"
#include "common/unique_fd.h"
#include "lrmd/operation_executor.h"

namespace pacer::lrmd {

class ThreadPoolExecutor final : public OperationExecutor {
 public:
  static Result<std::unique_ptr<ThreadPoolExecutor>> create(ipc::EventLoop& loop,
                                                            const Clock& clock, size_t threads);
  ~ThreadPoolExecutor() override;
  ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
  ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

  void execute(ExecJob job, Done done) override;
  // Grows the pool to at least `threads` workers.
  void ensure_threads(size_t threads);
  size_t threads() const { return workers_.size(); }

  struct Private {
    explicit Private() = default;
  };
  ThreadPoolExecutor(Private, ipc::EventLoop& loop, const Clock& clock, UniqueFd wakeup);

 private:
  struct Task {
    ExecJob job;
    Done done;
  };
  struct Finished {
    ExecOutcome outcome;
    Done done;
  };

  void worker();
  ExecOutcome run(const ExecJob& job);
  void deliver();

  ipc::EventLoop& loop_;
  const Clock& clock_;
  UniqueFd wakeup_;  // eventfd: a worker finished a job
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<Task> queue_;
  std::vector<Finished> finished_;
  std::set<pid_t> running_;  // process groups of jobs in ChildProcess::wait
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace pacer::lrmd
