// The stonith class. In Pacemaker 1.0, start/stop/monitor of a STONITH resource are not agent runs
// but requests to the local stonithd (configure and register the device, unregister it, check its
// status). lrmd makes them by running stonithd's helper `stonith-device OP RSC TYPE` like an agent,
// so queueing, timeouts and result reporting are the ordinary ones; the resource's parameters (op
// parameters overriding) go in the helper's environment as pcr_param_<name>, and its exit code is
// the OCF rc stonithd answered (start: 1 status failed, 2 no hosts; monitor: 7 not registered).
// meta-data and the list of types come from cluster-glue's `stonith` command (`stonith -t TYPE -m`,
// `stonith -L`), or pacer's wrapper of it that also shows pacer's own plugins.
#pragma once

#include <string>

#include "common/process_runner.h"
#include "lrmd/resource_class.h"

namespace pacer::lrmd {

class StonithClass final : public ResourceClass {
 public:
  // `runner` (for `stonith -L`) must outlive the class. `device_helper`: stonithd's stonith-device.
  StonithClass(std::string stonith_command, ProcessRunner& runner,
               std::string device_helper = "/usr/libexec/pacer/stonith-device")
      : stonith_command_(std::move(stonith_command)), runner_(runner),
        device_helper_(std::move(device_helper)) {}

  std::string_view name() const override { return "stonith"; }
  Status validate(const ResourceSpec& spec) const override;
  OperationPlan plan(const ResourceSpec& resource, const OperationRequest& request,
                     Millis timeout) const override;
  int map_exit(const OperationRequest& request, int exit_code) const override;
  Result<std::vector<std::string>> types(const std::string& provider) const override;
  Result<std::vector<std::string>> providers(const std::string& type) const override;

 private:
  std::string stonith_command_;
  ProcessRunner& runner_;
  std::string device_helper_;
};

}  // namespace pacer::lrmd
