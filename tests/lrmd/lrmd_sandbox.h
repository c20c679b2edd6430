// LrmdSandbox: a sandbox cluster whose nodes have pacer's lrmd and pacer-lrmadmin (and pacer's test
// agents under ocf:pacertest:*) on a staged /usr, with lrmd started by hand in a node the way
// heartbeatd would start it (HA_LOGFACILITY=local1 in its environment, so lrmd and the agents log
// into the node's /var/log/ha-log). Torn down with everything else by the destructor.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "tests/sandbox/sandbox.h"

namespace pacer::lrmd::testing {

class LrmdSandbox {
 public:
  static Result<std::unique_ptr<LrmdSandbox>> create(int nodes = 1, bool client = true);
  ~LrmdSandbox();

  sandbox::Sandbox& sb() { return *sandbox_; }
  // Starts lrmd in `host` and waits until it answers.
  Status start_lrmd(const std::string& host, const std::string& extra_args = "");
  // Runs pacer-lrmadmin in `host`; the ExitStatus and how long it took (wall clock, host side).
  struct Admin {
    ExitStatus status;
    std::chrono::milliseconds took{0};
    int code() const { return status.exited ? status.code : -1; }
    const std::string& out() const { return status.stdout_text; }
  };
  Admin admin(const std::string& host, std::vector<std::string> args,
              std::chrono::milliseconds timeout = std::chrono::milliseconds(120000));
  // `sh -c script` in `host`: stdout (trimmed) on exit 0, else an error with its output.
  Result<std::string> sh(const std::string& host, const std::string& script);
  // Waits until the host's ha-log contains `text`.
  bool ha_log_has(const std::string& host, const std::string& text,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  std::string ha_log(const std::string& host);

  explicit LrmdSandbox(std::string stage_dir) : stage_dir_(std::move(stage_dir)) {}

 private:
  std::string stage_dir_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
};

}  // namespace pacer::lrmd::testing
