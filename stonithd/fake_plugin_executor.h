// FakePluginExecutor: records the plugin commands the Fencer starts and finishes them when a test
// says so, with the exit it chooses. No process ever runs.
#pragma once

#include <deque>
#include <string>

#include "stonithd/plugin_executor.h"

namespace pacer::stonithd {

class FakePluginExecutor final : public PluginExecutor {
 public:
  struct Job {
    SpawnOptions command;
    Millis timeout{0};
    Done done;
    pid_t pid = 0;
  };
  Result<pid_t> start(SpawnOptions command, Millis timeout, Done done) override {
    if (fail_next_start) {
      fail_next_start = false;
      return Status::error("exec failed");
    }
    running.push_back(Job{std::move(command), timeout, std::move(done), next_pid});
    started.push_back(running.back().command);
    return next_pid++;
  }
  // Ends the oldest running job with exit `code` (or a timeout).
  void finish(int code, std::string stdout_text = "", bool timed_out = false) {
    Job job = std::move(running.front());
    running.pop_front();
    ExitStatus e;
    e.exited = !timed_out;
    e.code = code;
    e.signal = timed_out ? 15 : 0;
    e.timed_out = timed_out;
    e.stdout_text = std::move(stdout_text);
    job.done(e);
  }
  // argv of the oldest running job, joined with spaces.
  std::string front_argv() const {
    std::string out;
    for (const auto& a : running.front().command.argv) out += (out.empty() ? "" : " ") + a;
    return out;
  }

  std::deque<Job> running;
  std::vector<SpawnOptions> started;
  bool fail_next_start = false;
  pid_t next_pid = 100;
};

}  // namespace pacer::stonithd
