#include "common/node_reset.h"

#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PACER_HOST_REBOOT
#define PACER_HOST_REBOOT 0
#endif

namespace pacer {

Result<bool> in_initial_pid_namespace() {
  struct stat st {};
  if (::stat("/proc/self/ns/pid", &st) != 0) return Status::from_errno("stat /proc/self/ns/pid");
  return st.st_ino == kInitialPidNamespaceInode;
}

Status check_reboot_allowed(bool in_initial_namespace, bool host_reboot_allowed) {
  if (in_initial_namespace && !host_reboot_allowed)
    return Status::error(
        "refusing to reboot: this process is in the host's initial PID namespace and this build "
        "of pacer is not a host build (PACER_HOST_REBOOT is off)");
  return Status::ok();
}

Status KernelNodeReset::reset_node(std::string_view reason) {
  auto initial = in_initial_pid_namespace();
  if (!initial) return initial.status().with_context("reboot guard");
  if (auto allowed = check_reboot_allowed(*initial, PACER_HOST_REBOOT); !allowed)
    return allowed.with_context(reason);
  ::sync();
  ::reboot(RB_AUTOBOOT);
  return Status::from_errno("reboot(RB_AUTOBOOT)");
}

}  // namespace pacer
