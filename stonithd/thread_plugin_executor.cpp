// Plugins on threads of their own; outcomes back to the loop by eventfd.
#include "stonithd/thread_plugin_executor.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace pacer::stonithd {

Result<std::unique_ptr<ThreadPluginExecutor>> ThreadPluginExecutor::create(ipc::EventLoop& loop) {
  UniqueFd fd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!fd) return Status::from_errno("eventfd");
  auto executor = std::make_unique<ThreadPluginExecutor>(Private{}, loop, std::move(fd));
  ThreadPluginExecutor* self = executor.get();
  Status watched = loop.watch_fd(self->wakeup_.get(), POLLIN, [self](int, std::uint32_t) { self->deliver(); });
  if (!watched) return watched;
  return executor;
}

ThreadPluginExecutor::ThreadPluginExecutor(Private, ipc::EventLoop& loop, UniqueFd wakeup)
    : loop_(loop), wakeup_(std::move(wakeup)) {}

ThreadPluginExecutor::~ThreadPluginExecutor() {
  loop_.unwatch_fd(wakeup_.get());
  std::list<Job> jobs;
  {
    std::lock_guard lock(mutex_);
    for (auto& job : jobs_)
      if (!job.result && job.pid > 0) ::kill(-job.pid, SIGKILL);
    jobs.swap(jobs_);
  }
  for (auto& job : jobs)
    if (job.thread.joinable()) job.thread.join();
}

Result<pid_t> ThreadPluginExecutor::start(SpawnOptions command, Millis timeout, Done done) {
  // A plugin must not outlive stonithd: a meatware left waiting on its FIFO would take the
  // operator's confirmation meant for the respawned stonithd's run.
  if (command.parent_death_signal == 0) command.parent_death_signal = SIGKILL;
  auto child = ChildProcess::spawn(command);
  if (!child) return child.status();
  pid_t pid = child->pid();
  std::lock_guard lock(mutex_);
  Job& job = jobs_.emplace_back();
  job.pid = pid;
  job.done = std::move(done);
  job.thread = std::thread([this, &job, timeout, process = std::move(*child)]() mutable {
    Result<ExitStatus> exit = process.wait(timeout);
    std::lock_guard inner(mutex_);
    job.result = std::move(exit);
    std::uint64_t one = 1;
    (void)!write(wakeup_.get(), &one, sizeof one);
  });
  return pid;
}

void ThreadPluginExecutor::deliver() {
  std::uint64_t count;
  (void)!read(wakeup_.get(), &count, sizeof count);
  std::vector<std::pair<Done, Result<ExitStatus>>> finished;
  {
    std::lock_guard lock(mutex_);
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      if (!it->result) {
        ++it;
        continue;
      }
      if (it->thread.joinable()) it->thread.join();  // it has set result: only its return is left
      finished.emplace_back(std::move(it->done), std::move(*it->result));
      it = jobs_.erase(it);
    }
  }
  for (auto& [done, result] : finished) done(std::move(result));
}

}  // namespace pacer::stonithd
