// FakeLrm: an in-memory lrmd for controller tests. Agents are simulated: a start makes the
// resource "running", a stop ends it, a monitor answers 0 or 7 accordingly; `kill` ends a resource
// behind the controller's back so its recurring monitor reports 7. Results are handed to `deliver`
// (the test cluster queues them), never returned synchronously, as the real lrmd does.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "crmd/controller_ports.h"

namespace pacer::crmd::testing {

class FakeLrm final : public LocalLrm {
 public:
  using Deliver = std::function<void(lrmd::OperationResult)>;
  explicit FakeLrm(Deliver deliver) : deliver_(std::move(deliver)) {}

  Status register_resource(const lrmd::ResourceSpec& spec) override;
  Status unregister_resource(const std::string& rsc_id) override;
  Result<int> perform(const lrmd::OperationRequest& request) override;
  Status cancel(const std::string& rsc_id, int call_id) override;
  Result<std::vector<lrmd::ResourceState>> state() override;

  // The resource stops behind crmd's back: its recurring monitors report "not running".
  void kill(const std::string& rsc_id);
  bool running(const std::string& rsc_id) const { return running_.contains(rsc_id); }
  std::set<std::string> fail_start;  // starts of these fail with rc 1
  std::set<std::string> fail_stop;   // stops of these fail with rc 1 (the resource stays)
  std::vector<std::string> performed;  // "<op key>" in order

 private:
  void record(const lrmd::OperationResult& result);
  Deliver deliver_;
  int next_call_ = 1;
  std::set<std::string> running_;
  std::map<std::string, lrmd::ResourceSpec> specs_;
  std::map<std::string, std::map<std::string, lrmd::OperationResult>> last_;  // rsc -> op key -> result
  std::map<int, lrmd::OperationRequest> recurring_;
};

}  // namespace pacer::crmd::testing
