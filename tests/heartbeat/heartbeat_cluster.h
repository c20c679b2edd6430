// HeartbeatCluster: a sandbox whose nodes run the staged heartbeatd with a test ha.cf, and the
// small polling helpers the heartbeatd integration tests share.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/sandbox/sandbox.h"

namespace pacer::testing {

struct ClusterOptions {
  int nodes = 2;
  bool watchdog = false;  // ha.cf `watchdog /dev/watchdog`
  std::chrono::milliseconds watchdog_timeout{2000};
  std::string media = "bcast eth1\nbcast eth2\n";  // the ha.cf media lines
  int deadtime_s = 1;  // a longer one lets a test reboot a node before it is declared dead
};

// The timing every test cluster uses unless it says otherwise: keepalive 200 ms, deadtime 1 s.
inline constexpr std::chrono::milliseconds kKeepalive{200};
inline constexpr std::chrono::milliseconds kDeadtime{1000};

class HeartbeatCluster {
 public:
  static std::unique_ptr<HeartbeatCluster> start(ClusterOptions options);
  ~HeartbeatCluster();

  sandbox::Sandbox& sandbox() { return *sandbox_; }
  std::vector<std::string> nodes() const;
  std::string ha_cf() const;
  void start_heartbeat(const std::string& node);
  // Runs `sh -c script` in `node`; REQUIREs success; returns stdout without the final newline.
  std::string run(const std::string& node, const std::string& script);
  // Like run() but returns the exit code and leaves failures to the caller.
  int run_status(const std::string& node, const std::string& script, std::string* out = nullptr);
  std::string ha_log(const std::string& node);
  // Polls `probe` until it returns true or `timeout` passes; returns the time it took.
  static std::optional<std::chrono::milliseconds> wait_until(std::function<bool()> probe,
                                                             std::chrono::milliseconds timeout,
                                                             std::chrono::milliseconds every = std::chrono::milliseconds(50));
  // Waits until every node reports the same membership of exactly `members`.
  bool wait_for_membership(const std::vector<std::string>& on, const std::string& members,
                           std::chrono::milliseconds timeout);

 private:
  ClusterOptions options_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
};

}  // namespace pacer::testing
