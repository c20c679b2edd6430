// The lsb class: /etc/init.d/<name> <action>, no parameters. `monitor` runs `status`, whose LSB
// exits map to OCF (0 running -> 0; 1, 2, 3 dead/not running -> 7; 4 unknown -> 1; 5 -> 5), per
// ocf-and-stonith-api.md section 2. Actions init scripts do not have (promote, demote, notify,
// migrate_*, reload) are rc 3 without running anything; meta-data is made from the script's
// "### BEGIN INIT INFO" header, as Heartbeat's lsb plugin did.
#pragma once

#include <string>
#include <string_view>

#include "lrmd/agent_environment.h"
#include "lrmd/resource_class.h"

namespace pacer::lrmd {

class LsbClass final : public ResourceClass {
 public:
  LsbClass(std::string init_dir, AgentEnvironmentOptions options)
      : init_dir_(std::move(init_dir)), options_(std::move(options)) {}

  std::string_view name() const override { return "lsb"; }
  Status validate(const ResourceSpec& spec) const override;
  OperationPlan plan(const ResourceSpec& resource, const OperationRequest& request,
                     Millis timeout) const override;
  int map_exit(const OperationRequest& request, int exit_code) const override;
  Result<std::vector<std::string>> types(const std::string& provider) const override;
  Result<std::vector<std::string>> providers(const std::string& type) const override;

 private:
  std::string init_dir_;
  AgentEnvironmentOptions options_;
};

// Meta-data XML for init script `name` from its text (the LSB header's descriptions).
std::string lsb_metadata(std::string_view name, std::string_view script_text);

}  // namespace pacer::lrmd
