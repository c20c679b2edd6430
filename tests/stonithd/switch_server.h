// SwitchServer: the harness end of the external/sandbox power switch in stonithd's tests. It serves
// the sandbox control protocol (tests/sandbox/supervisor.h) for a Sandbox this test owns, on a
// socket path the nodes share with the host; sandbox-cli inside a node reaches it through
// SANDBOX_CONTROL_SOCKET. With fail_power set, every request is refused (a broken switch).
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "common/unique_fd.h"
#include "tests/sandbox/sandbox.h"

namespace pacer::stonithd::testing {

class SwitchServer {
 public:
  // Serves `sandbox` (which must outlive this) at `path`; REQUIREs that the socket could be made.
  SwitchServer(sandbox::Sandbox& sandbox, std::string path);
  ~SwitchServer();
  SwitchServer(const SwitchServer&) = delete;
  SwitchServer& operator=(const SwitchServer&) = delete;

  const std::string& path() const { return path_; }
  std::atomic<bool> fail_power{false};
  std::atomic<int> requests{0};  // requests served (not refused)

 private:
  sandbox::Sandbox& sandbox_;
  std::string path_;
  UniqueFd listener_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace pacer::stonithd::testing
