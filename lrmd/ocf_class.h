// The ocf class: $OCF_ROOT/resource.d/<provider>/<type> <action>, everything else through the
// environment (agent_environment.h). A missing agent is rc 5 without running anything, one that
// cannot be executed rc 4; rcs outside 0..9 become 1, as cluster-glue's lrmd did.
#pragma once

#include "lrmd/agent_environment.h"
#include "lrmd/resource_class.h"

namespace pacer::lrmd {

class OcfClass final : public ResourceClass {
 public:
  explicit OcfClass(AgentEnvironmentOptions options) : options_(std::move(options)) {}

  std::string_view name() const override { return "ocf"; }
  Status validate(const ResourceSpec& spec) const override;
  OperationPlan plan(const ResourceSpec& resource, const OperationRequest& request,
                     Millis timeout) const override;
  int map_exit(const OperationRequest& request, int exit_code) const override;
  Result<std::vector<std::string>> types(const std::string& provider) const override;
  Result<std::vector<std::string>> providers(const std::string& type) const override;

  std::string agent_path(const std::string& provider, const std::string& type) const;

 private:
  AgentEnvironmentOptions options_;
};

}  // namespace pacer::lrmd
