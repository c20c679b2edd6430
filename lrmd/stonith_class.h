// The stonith class. In Pacemaker 1.0, start/stop/monitor of a STONITH resource are not agent runs
// but requests to the local stonithd (configure and register the device, unregister it, check its
// status). stonithd is not written yet, so those operations end at once with op status "Error"
// (rc 1) and an output saying so; crmd and the tool show that text. meta-data and the list of
// types come from cluster-glue's `stonith` command (`stonith -t TYPE -m`, `stonith -L`).
#pragma once

#include <string>

#include "common/process_runner.h"
#include "lrmd/resource_class.h"

namespace pacer::lrmd {

inline constexpr std::string_view kStonithUnavailable =
    "stonithd is not available: STONITH resources cannot be started, stopped or monitored yet";

class StonithClass final : public ResourceClass {
 public:
  // `runner` (for `stonith -L`) must outlive the class.
  StonithClass(std::string stonith_command, ProcessRunner& runner)
      : stonith_command_(std::move(stonith_command)), runner_(runner) {}

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
};

}  // namespace pacer::lrmd
