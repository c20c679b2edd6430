// PluginExecutor: the seam through which stonithd runs plugins without blocking its loop. A
// plugin may run for minutes (meatware waits for an operator), so each runs on a thread of its
// own; start() returns the pid at once, because the "sending fencing op ... (pid=N)" line is
// logged before the plugin ends. main() wires in ThreadPluginExecutor; tests a fake that
// finishes jobs on demand.
#pragma once

#include <sys/types.h>

#include <functional>

#include "common/child_process.h"
#include "common/clock.h"
#include "common/result.h"

namespace pacer::stonithd {

class PluginExecutor {
 public:
  // The exit (timed_out set when `timeout` killed the process group), or why it could not run.
  using Done = std::function<void(Result<ExitStatus>)>;
  virtual ~PluginExecutor() = default;
  // Starts the command. Returns its pid, or an error (then `done` is never called). `done` runs
  // later on the loop's thread, exactly once unless the executor is destroyed first.
  virtual Result<pid_t> start(SpawnOptions command, Millis timeout, Done done) = 0;
};

}  // namespace pacer::stonithd
