// AttrdCluster: a sandbox whose nodes run the staged heartbeatd with `pacemaker on`, so each node
// has cibd, lrmd, attrd, crmd if staged and (through a `respawn` line) ifcheckd, as in production.
// Plus the polling helpers the attrd integration tests share.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/sandbox/sandbox.h"

namespace pacer::attrd::testing {

class AttrdCluster {
 public:
  // Starts heartbeatd on every node and waits until attrd and cibd answer everywhere.
  static std::unique_ptr<AttrdCluster> start(int nodes = 2);

  sandbox::Sandbox& sandbox() { return *sandbox_; }
  // `sh -c script` in `node`; REQUIREs exit 0; stdout without the final newline.
  std::string run(const std::string& node, const std::string& script);
  int run_status(const std::string& node, const std::string& script, std::string* out = nullptr);
  // The value of attribute `name` in `node`'s CIB status section, nullopt if absent.
  std::optional<std::string> cib_value(const std::string& node, const std::string& name);
  // Waits until cib_value(node, name) == value (nullopt: absent).
  bool wait_for_value(const std::string& node, const std::string& name,
                      const std::optional<std::string>& value,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(20000));
  bool wait_for_log(const std::string& node, const std::string& text,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(20000));
  // Waits until every node's CIB records a DC (crmd writes it), which is what ifcheckd waits for.
  // A stage without crmd never gets one: after `patience` the test writes one itself. Returns
  // whether crmd recorded it.
  bool ensure_dc(std::chrono::milliseconds patience = std::chrono::milliseconds(20000));
  static bool wait_until(const std::function<bool()>& probe, std::chrono::milliseconds timeout,
                         std::chrono::milliseconds every = std::chrono::milliseconds(100));

 private:
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  int nodes_ = 2;
};

}  // namespace pacer::attrd::testing
