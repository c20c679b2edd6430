// ManagedChildren: the MCP's supervision of its client daemons (ccm, cib, lrmd, stonithd, attrd,
// crmd and the ha.cf `respawn` programs), in ha.cf order, each in its own process group as the
// user its line names. What a death means comes from child_death.h; this class carries it out:
// respawn (after a 1 s pause when the child died quickly), leave dead, or reboot the node through
// the NodeReset interface. Orderly shutdown stops them one at a time in reverse order.
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/child_process.h"
#include "common/config/ha_config.h"
#include "common/ipc/event_loop.h"
#include "common/log.h"
#include "common/node_reset.h"
#include "heartbeatd/child_death.h"

namespace pacer::heartbeat {

struct ManagedChildInfo {
  std::string command;
  pid_t pid = -1;  // -1 when not running
  bool running = false;
};

class ManagedChildren {
 public:
  ManagedChildren(ipc::EventLoop& loop, Logger& log, NodeReset& reset,
                  std::vector<config::ChildProgram> programs, std::vector<std::string> environment,
                  Millis reboot_delay);
  ~ManagedChildren();
  ManagedChildren(const ManagedChildren&) = delete;
  ManagedChildren& operator=(const ManagedChildren&) = delete;

  void start_all();
  // Stops every child, last started first, waiting for each; then calls `done`.
  void stop_all(std::function<void()> done);
  std::vector<ManagedChildInfo> info() const;
  bool shutting_down() const { return shutting_down_; }

 private:
  struct Child {
    config::ChildProgram program;
    std::optional<ChildProcess> process;
    MonoTime started{};
    RespawnRateLimit rate_limit;
    std::optional<ipc::TimerId> respawn_timer;
  };

  void spawn(size_t index);
  void on_exit(size_t index);
  void stop_next();
  void reboot(const std::string& reason);

  ipc::EventLoop& loop_;
  Logger& log_;
  NodeReset& reset_;
  std::vector<Child> children_;
  std::vector<std::string> environment_;
  Millis reboot_delay_;
  bool shutting_down_ = false;
  std::function<void()> stopped_;
};

}  // namespace pacer::heartbeat
