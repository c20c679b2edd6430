// ChildProcess: a spawned program and its whole process group, owned RAII-style.
//
// Resource agents, STONITH plugins and tools fork helpers that outlive them (sfex_daemon, postgres),
// so a child is always started in a process group of its own and a timeout or destruction kills the
// whole group: SIGTERM, a grace period, then SIGKILL. Keep "what the program returned" (ExitStatus)
// apart from "whether it ran to the end" (timed_out / could not exec).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is the program; a path, or searched in PATH
  // The complete environment of the child; nullopt inherits the caller's.
  std::optional<std::vector<std::string>> env;
  std::string working_directory;           // empty: inherit
  std::optional<std::string> stdin_data;   // nullopt: stdin is /dev/null
  bool capture_output = true;              // false: stdout/stderr go to /dev/null
  std::optional<uid_t> uid;                // drop to this user (and gid) before exec
  std::optional<gid_t> gid;
  std::vector<gid_t> supplementary_groups; // with gid: the groups the child keeps (else none)
  int parent_death_signal = 0;             // PR_SET_PDEATHSIG for the child, 0 = none
};

struct ExitStatus {
  bool exited = false;      // true: ended by exit(code); false: killed by `signal`
  int code = 0;
  int signal = 0;
  bool core_dumped = false; // killed by a signal that left a core file
  bool timed_out = false;   // the caller's timeout killed it (code/signal say how it ended)
  std::string stdout_text;  // captured output (bounded, see kMaxCapturedBytes)
  std::string stderr_text;

  bool succeeded() const { return exited && code == 0 && !timed_out; }
  // "exit code 7", "killed by signal 9 (Killed)", "timed out after ... and killed by signal 15"
  std::string describe() const;
};

class ChildProcess {
 public:
  static constexpr size_t kMaxCapturedBytes = 1 << 20;

  // Forks and execs. Fails (without leaving a child) when the program cannot be executed: the
  // exec error travels back over a close-on-exec pipe, so "no such file" is a Status, not exit 127.
  static Result<ChildProcess> spawn(const SpawnOptions& options);

  ChildProcess(ChildProcess&&) noexcept;
  ChildProcess& operator=(ChildProcess&&) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills the process group (SIGKILL) and reaps the child if it is still running.
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  // A pidfd that becomes readable when the child exits, for event loops.
  int pidfd() const { return pidfd_.get(); }

  // Feeds stdin, collects output and waits for the exit. With a timeout: when it expires the group
  // gets SIGTERM, then SIGKILL after `kill_grace`, and the status has timed_out set.
  Result<ExitStatus> wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt,
                          std::chrono::milliseconds kill_grace = std::chrono::milliseconds(2000));

  // Sends a signal to the whole process group.
  Status signal_group(int signo) const;

  // Reaps a child whose pidfd reported its exit, without touching its pipes. For supervisors that
  // wait in an event loop instead of in wait().
  Result<ExitStatus> reap();

 private:
  ChildProcess() = default;
  void kill_and_reap();

  pid_t pid_ = -1;
  UniqueFd pidfd_;
  UniqueFd stdin_;
  UniqueFd stdout_;
  UniqueFd stderr_;
  std::string pending_stdin_;
};

// Convenience: spawn, wait with a timeout, return the status.
Result<ExitStatus> run_process(const SpawnOptions& options,
                               std::optional<std::chrono::milliseconds> timeout = std::nullopt);

}  // namespace pacer
