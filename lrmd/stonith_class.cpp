// STONITH resources: start/stop/monitor through stonithd (its stonith-device helper).
#include "lrmd/stonith_class.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

namespace pacer::lrmd {

Status StonithClass::validate(const ResourceSpec& spec) const {
  if (spec.type.empty() || spec.type.find("..") != std::string::npos || spec.type[0] == '/')
    return Status::error(fmt::format("resource {}: bad stonith type '{}'", spec.id, spec.type));
  return Status::ok();
}

OperationPlan StonithClass::plan(const ResourceSpec& resource, const OperationRequest& request,
                                 Millis timeout) const {
  if (request.operation == "meta-data")
    return ExecPlan{{stonith_command_, "-t", resource.type, "-m"},
                    {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}};
  if (request.operation == "validate-all") return ImmediateOutcome{rc::ok, OpStatus::done, ""};
  const std::string& op = request.operation;
  if (op != "start" && op != "stop" && op != "monitor" && op != "status")
    return ImmediateOutcome{rc::unimplemented, OpStatus::done, ""};
  ExecPlan plan{{device_helper_, op, resource.id, resource.type}, {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}};
  Params params = resource.params;
  for (const auto& [name, value] : request.params) params[name] = value;
  for (const auto& [name, value] : params) plan.env.push_back("pcr_param_" + name + "=" + value);
  plan.env.push_back(fmt::format("pcr_param_CRM_meta_timeout={}", timeout.count()));
  plan.env.push_back(fmt::format("pcr_param_CRM_meta_interval={}", request.interval.count()));
  return plan;
}

int StonithClass::map_exit(const OperationRequest& request, int exit_code) const {
  const std::string& op = request.operation;
  bool device_op = op == "start" || op == "stop" || op == "monitor" || op == "status";
  // stonith-device exits with the OCF rc stonithd answered.
  if (device_op && exit_code >= 0 && exit_code <= 7) return exit_code;
  return exit_code == 0 ? rc::ok : rc::err_generic;
}

Result<std::vector<std::string>> StonithClass::types(const std::string&) const {
  SpawnOptions options;
  options.argv = {stonith_command_, "-L"};
  options.env = std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
  auto status = runner_.run(options, Millis(10000));
  if (!status) return status.status().with_context("stonith -L");
  if (!status->succeeded()) return Status::error("stonith -L: " + status->describe());
  std::vector<std::string> out;
  std::istringstream in(status->stdout_text);
  std::string word;
  while (in >> word) out.push_back(word);
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<std::string>> StonithClass::providers(const std::string&) const {
  return std::vector<std::string>{};
}

}  // namespace pacer::lrmd
