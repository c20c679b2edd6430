// Node: one sandbox host (pm1..pmN or the client) as a PID 1 in namespaces of its own.
//
// The harness process is the parent of each node's init (clone with CLONE_NEWPID, no unshare(1) in
// between), so the init's wait status tells what happened inside: SIGKILL = powered off by us,
// SIGHUP = reboot(RB_AUTOBOOT) in the node, SIGINT = reboot(RB_POWER_OFF). Inits get
// PR_SET_PDEATHSIG(SIGKILL): a node never outlives the *thread* that started it, so start nodes from
// a thread that lives as long as the sandbox. Not thread-safe: Sandbox serialises calls.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"
#include "tests/sandbox/address_plan.h"

namespace pacer::sandbox {

struct NodeConfig {
  HostPlan plan;
  std::filesystem::path state_dir;     // survives power off / reset: /etc and /var upper dirs, logs
  std::filesystem::path init_program;  // sandbox-node-init
  std::string stage_dir;               // optional DESTDIR of pacer's install
  std::string shim;                    // optional sysrq shim .so (written to /etc/ld.so.preload)
  std::string syslog_facility = "local1";
  bool syslog = true;
  std::vector<std::pair<std::string, std::string>> devices;  // alias, host loop device
  std::string freezer_cgroup;          // optional cgroup dir the init is placed in before exec
  // Host directories that must stay visible in the node although they lie under /tmp, which the
  // node covers with a fresh tmpfs: the build tree holding the helpers tests run in nodes.
  std::vector<std::string> keep_dirs;
};

class Node {
 public:
  explicit Node(NodeConfig config) : config_(std::move(config)) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  ~Node() { kill(); }

  const NodeConfig& config() const { return config_; }
  const std::string& name() const { return config_.plan.name; }

  // Starts the init in new namespaces. The node is not wired nor ready yet.
  Status start();
  // Waits until the init has its mounts, /dev and syslog ready (or died: error with its console).
  Status wait_ready(std::chrono::milliseconds timeout);
  // SIGKILL to the init (the kernel then kills the whole PID namespace) and reap it.
  void kill();
  // Non-blocking: the init's wait status if it has ended since (and then the node is off).
  std::optional<int> reap_if_dead();

  bool running() const { return pid_ > 0; }
  pid_t init_pid() const { return pid_; }
  int pidfd() const { return pidfd_.get(); }
  uint64_t pid_ns_inode() const { return pid_ns_inode_; }
  int boots() const { return boots_; }
  std::optional<int> last_exit_status() const { return last_status_; }

  // A path inside the running node, reached from the host through /proc/<init>/root.
  std::filesystem::path path_inside(std::string_view path) const;
  // nsenter argv that runs `command` inside the node (all its namespaces, cwd /).
  std::vector<std::string> exec_argv(const std::vector<std::string>& command) const;
  // The host-side file the init's stdout/stderr go to.
  std::filesystem::path console_path() const { return config_.state_dir / "console.log"; }

 private:
  std::vector<std::string> init_argv() const;

  NodeConfig config_;
  pid_t pid_ = -1;
  UniqueFd pidfd_;
  uint64_t pid_ns_inode_ = 0;
  int boots_ = 0;
  std::optional<int> last_status_;
};

// Host PIDs of every process in the PID namespace with this inode (scans /proc).
std::vector<pid_t> processes_in_pid_ns(uint64_t pid_ns_inode);

}  // namespace pacer::sandbox
