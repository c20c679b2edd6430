// OperationExecutor: the seam through which lrmd runs agent commands without blocking its event
// loop. The ResourceManager decides what runs when; an executor only runs what it is given, all of
// it at once. main() wires in ThreadPoolExecutor; tests use a fake that completes jobs on demand.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "common/child_process.h"
#include "common/clock.h"
#include "common/result.h"

namespace pacer::lrmd {

struct ExecJob {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  Millis timeout{20000};
  // After the timeout the process group gets SIGTERM, then SIGKILL once this has passed.
  Millis kill_grace{2000};
};

struct ExecOutcome {
  // The exit (with timed_out set when the timeout killed it), or why it could not be executed
  // (Status::sys_errno() is the exec errno: ENOENT, EACCES, ...).
  Result<ExitStatus> exit;
  pid_t pid = -1;
  MonoTime started{};   // just before the fork
  MonoTime finished{};  // after the reap
};

class OperationExecutor {
 public:
  using Done = std::function<void(ExecOutcome)>;
  virtual ~OperationExecutor() = default;
  // Starts `job` now. `done` is called on the event loop's thread, never from inside execute(),
  // exactly once unless the executor is destroyed first.
  virtual void execute(ExecJob job, Done done) = 0;
};

}  // namespace pacer::lrmd
