// ThreadPluginExecutor: spawns each plugin on the loop's thread (so the pid is known at once),
// then waits for it on a thread of its own (ChildProcess::wait: bounded capture, SIGTERM then
// SIGKILL to the whole group at the timeout). Results come back to the loop through an eventfd.
// The destructor kills every plugin still running and joins the threads; their Done callbacks are
// not called.
#pragma once

#include <atomic>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "common/ipc/event_loop.h"
#include "common/unique_fd.h"
#include "stonithd/plugin_executor.h"

namespace pacer::stonithd {

class ThreadPluginExecutor final : public PluginExecutor {
 public:
  static Result<std::unique_ptr<ThreadPluginExecutor>> create(ipc::EventLoop& loop);
  ~ThreadPluginExecutor() override;
  ThreadPluginExecutor(const ThreadPluginExecutor&) = delete;
  ThreadPluginExecutor& operator=(const ThreadPluginExecutor&) = delete;

  Result<pid_t> start(SpawnOptions command, Millis timeout, Done done) override;

  struct Private {
    explicit Private() = default;
  };
  ThreadPluginExecutor(Private, ipc::EventLoop& loop, UniqueFd wakeup);

 private:
  struct Job {
    pid_t pid = -1;
    Done done;
    std::optional<Result<ExitStatus>> result;  // set by the job's thread
    std::thread thread;
  };
  void deliver();

  ipc::EventLoop& loop_;
  UniqueFd wakeup_;
  std::mutex mutex_;
  std::list<Job> jobs_;
};

}  // namespace pacer::stonithd
