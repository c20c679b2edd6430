// NodeReset: the one interface through which pacer reboots a node (failfast children, the
// reboot helper, sfex's lock loss).
//
// The guard: reboot(2) called from the host's initial PID namespace reboots the whole machine, and
// developers and CI run pacer's tests there. So KernelNodeReset refuses in the initial PID
// namespace unless the build was made for a real cluster host (PACER_HOST_REBOOT, set only by the
// packaging build). Inside a sandbox node (its own PID namespace) reboot(2) resets only that node,
// which is exactly what the tests want.
#pragma once

#include <string_view>

#include "common/result.h"

namespace pacer {

class NodeReset {
 public:
  virtual ~NodeReset() = default;
  // Does not return on success.
  virtual Status reset_node(std::string_view reason) = 0;
};

// The inode number the kernel gives the initial PID namespace (PROC_PID_INIT_INO).
inline constexpr unsigned long kInitialPidNamespaceInode = 0xEFFFFFFCUL;

// True when this process lives in the host's own PID namespace.
Result<bool> in_initial_pid_namespace();

// Whether the guard allows reboot(2) here: always in a non-initial PID namespace; in the initial
// one only when `host_reboot_allowed` (the packaging build's setting).
Status check_reboot_allowed(bool in_initial_namespace, bool host_reboot_allowed);

// sync() then reboot(RB_AUTOBOOT), behind the guard.
class KernelNodeReset final : public NodeReset {
 public:
  Status reset_node(std::string_view reason) override;
};

}  // namespace pacer
