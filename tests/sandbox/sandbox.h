// Sandbox: an N-node cluster (pm1..pmN) plus a client host on this one machine, built from Linux
// namespaces, torn down completely by the destructor.
//
// Contract:
//  * Every host-visible name carries prefix() ("pcrsbx-<pid>-<nonce>-"); the destructor removes all of
//    it (nodes, switch netns, loop devices, run dir, cgroups); create() first sweeps leftovers of dead
//    runs.
//  * Nodes are children of the thread that created the Sandbox and of its monitor thread, with
//    PR_SET_PDEATHSIG: they die with the harness. Create and destroy a Sandbox on the same thread.
//  * A monitor thread watches the inits and the fake watchdogs: a node whose init died of reboot(2)
//    (SIGHUP: RB_AUTOBOOT) or whose watchdog expired is reset (powered on again with its disks and
//    per-node dirs); one that powered itself off (SIGINT) stays off. events() records all of it.
//  * All methods are thread-safe. exec() does not hold the sandbox lock while the command runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/child_process.h"
#include "common/process_runner.h"
#include "common/result.h"
#include "common/unique_fd.h"
#include "tests/sandbox/address_plan.h"
#include "tests/sandbox/disk.h"
#include "tests/sandbox/fake_watchdog.h"
#include "tests/sandbox/freezer.h"
#include "tests/sandbox/loss_rules.h"
#include "tests/sandbox/node.h"
#include "tests/sandbox/switch.h"

namespace pacer::sandbox {

struct SandboxOptions {
  int nodes = 2;                    // pm1..pmN, 1..kMaxNodes
  bool client = true;               // a "client" host on the service LAN (198.19.0.200)
  std::string label;                // free text (the CLI's sandbox name), shown in status
  std::filesystem::path runs_root = "/tmp";  // the run dir "<prefix>run" is made here
  std::string stage_dir;            // DESTDIR of a pacer install: STAGE/usr is overlaid on /usr
  std::string syslog_facility = "local1";  // what rsyslogd writes to /var/log/ha-log
  bool syslog = true;
  bool sysrq_shim = true;           // /etc/ld.so.preload names the sysrq shim in every node
  std::chrono::milliseconds watchdog_timeout{5000};
  bool shared_disk = true;          // loop devices "sfex" (1 MiB lock area) and "shared" (ext4)
  uint64_t shared_disk_mib = 64;
  bool make_shared_fs = true;       // mkfs.ext4 on "shared"
  bool internal_disks = true;       // one blank loop device "internal" per node
  uint64_t internal_disk_mib = 16;
  std::string node_init;            // default: the built sandbox-node-init
  std::string shim;                 // default: the built sysrq shim
  std::chrono::milliseconds boot_timeout{10000};
};

struct ExecOptions {
  std::optional<std::chrono::milliseconds> timeout = std::chrono::milliseconds(30000);
  std::optional<std::string> stdin_data;
  std::vector<std::string> extra_env;  // "NAME=value" added to the default environment
};

enum class PowerState { on, off, frozen };

struct HostStatus {
  std::string name;
  PowerState power = PowerState::off;
  pid_t init_pid = -1;
  int boots = 0;
  std::string last_death;  // "powered off", "reboot(2): reset", "watchdog: reset", ...
  std::filesystem::path state_dir;
  std::vector<std::pair<std::string, std::string>> devices;  // alias, /dev/loopN
};

class Sandbox {
 public:
  static Result<std::unique_ptr<Sandbox>> create(SandboxOptions options);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const std::string& prefix() const { return prefix_; }
  const std::filesystem::path& run_dir() const { return run_dir_; }
  const std::string& switch_netns() const { return switch_->netns(); }
  const SandboxOptions& options() const { return options_; }
  std::vector<std::string> host_names() const;  // pm1..pmN, then "client"
  std::chrono::milliseconds bring_up_time() const { return bring_up_time_; }

  // Runs argv in the host's namespaces (nsenter), cwd /, a fixed PATH; captures output.
  Result<ExitStatus> exec(const std::string& host, std::vector<std::string> argv, ExecOptions options = {});
  // Convenience: `sh -c script`.
  Result<ExitStatus> sh(const std::string& host, const std::string& script, ExecOptions options = {});
  // Starts argv in the host without waiting (e.g. a receiver); the caller owns the process.
  Result<ChildProcess> spawn(const std::string& host, std::vector<std::string> argv);
  // argv that enters the host (for interactive use by the CLI).
  Result<std::vector<std::string>> exec_argv(const std::string& host, std::vector<std::string> argv);

  // Links: `host` empty = the whole LAN.
  Status cut(Lan lan, const std::string& host = "");
  Status restore(Lan lan, const std::string& host = "");
  // Packet loss / drops between hosts (nft in the switch netns), with drop counters.
  Status set_loss(const std::vector<LossRule>& rules);
  Status add_loss(const LossRule& rule);
  Result<std::vector<LossCounter>> loss_counters();

  Status power_off(const std::string& host);
  Status power_on(const std::string& host);
  Status reset(const std::string& host);  // off + on; per-node dirs and disks are kept
  Status freeze(const std::string& host);
  Status thaw(const std::string& host);

  Status disk_fail(const std::string& alias);     // "sfex", "shared", "internal-pm1" or /dev/loopN
  Status disk_restore(const std::string& alias);
  // alias -> /dev/loopN of every disk area.
  std::vector<std::pair<std::string, std::string>> disks() const;

  Result<HostStatus> status(const std::string& host) const;
  // Waits until `host` has booted more than `boots` times and is ready; returns the new count.
  Result<int> wait_for_boot(const std::string& host, int boots, std::chrono::milliseconds timeout);
  // Files the host wrote: ha-log, messages, the init's child-death log, its console.
  std::string logs(const std::string& host) const;
  std::vector<std::string> events() const;

  // Writes a file inside a running host (through /proc/<init>/root).
  Status write_file(const std::string& host, const std::string& path, const std::string& text);

 private:
  struct Host {
    std::unique_ptr<Node> node;
    std::unique_ptr<FakeWatchdog> watchdog;
    std::unique_ptr<Freezer> freezer;
    std::string last_death;
  };

  explicit Sandbox(SandboxOptions options);
  Status build();
  void start_sweeper_watch();
  Host* find(const std::string& name);
  const Host* find(const std::string& name) const;
  Result<Host*> find_running(const std::string& name);
  Status boot_locked(std::vector<Host*> hosts);
  Status power_off_locked(Host& host, const std::string& why);
  void monitor_loop();
  void handle_death(Host& host, int status);
  void event(const std::string& text);
  void wake_monitor();

  SandboxOptions options_;
  RealProcessRunner runner_;
  std::string prefix_;
  std::filesystem::path run_dir_;
  std::unique_ptr<Switch> switch_;
  std::unique_ptr<LossRules> loss_;
  std::unique_ptr<Disk> shared_disk_;
  std::map<std::string, std::unique_ptr<Disk>> internal_disks_;
  std::vector<std::string> order_;
  std::map<std::string, Host> hosts_;
  std::chrono::milliseconds bring_up_time_{0};

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::string> events_;
  UniqueFd wake_fd_;
  UniqueFd sweeper_pipe_;  // write end; "done" at teardown, EOF if we die: see sandbox-sweeper
  bool stopping_ = false;
  std::thread monitor_;
};

}  // namespace pacer::sandbox
