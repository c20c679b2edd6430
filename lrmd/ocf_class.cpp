// OCF agents: the file is found under resource.d, the action is the only argument.
#include "lrmd/ocf_class.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lrmd/agent_files.h"

namespace pacer::lrmd {

std::string OcfClass::agent_path(const std::string& provider, const std::string& type) const {
  return fmt::format("{}/resource.d/{}/{}", options_.ocf_root, provider, type);
}

Status OcfClass::validate(const ResourceSpec& spec) const {
  if (!safe_component(spec.provider))
    return Status::error(fmt::format("resource {}: ocf needs a provider", spec.id));
  if (!safe_component(spec.type))
    return Status::error(fmt::format("resource {}: bad agent type '{}'", spec.id, spec.type));
  return Status::ok();
}

OperationPlan OcfClass::plan(const ResourceSpec& resource, const OperationRequest& request,
                             Millis timeout) const {
  std::string path = agent_path(resource.provider, resource.type);
  if (auto missing = check_agent_file(path)) return *missing;
  return ExecPlan{{path, request.operation}, ocf_environment(resource, request, timeout, options_)};
}

int OcfClass::map_exit(const OperationRequest&, int exit_code) const {
  return (exit_code >= 0 && exit_code <= 9) ? exit_code : rc::err_generic;
}

Result<std::vector<std::string>> OcfClass::types(const std::string& provider) const {
  std::string base = options_.ocf_root + "/resource.d";
  std::vector<std::string> provs;
  if (!provider.empty()) {
    if (!safe_component(provider)) return Status::error("bad provider name");
    provs.push_back(provider);
  } else {
    auto all = list_entries(base, false);
    if (!all) return all.status();
    provs = *all;
  }
  std::set<std::string> out;
  for (const auto& p : provs) {
    auto files = list_entries(base + "/" + p, true);
    if (!files) return files.status();
    for (const auto& f : *files)  // only what could run: shell libraries sit there too
      if (!check_agent_file(base + "/" + p + "/" + f)) out.insert(f);
  }
  return std::vector<std::string>(out.begin(), out.end());
}

Result<std::vector<std::string>> OcfClass::providers(const std::string& type) const {
  std::string base = options_.ocf_root + "/resource.d";
  auto all = list_entries(base, false);
  if (!all || type.empty()) return all;
  if (!safe_component(type)) return Status::error("bad agent type");
  std::vector<std::string> out;
  for (const auto& p : *all)
    if (!check_agent_file(agent_path(p, type))) out.push_back(p);
  return out;
}

}  // namespace pacer::lrmd
