// crm_attribute and the 1.0 wrappers around it — crm_standby, crm_failcount, crm_master — as one
// function over a CibClient, so the tests run them against a CIB_file and the mains stay thin.
//
// Output and exit codes as 1.0: a query prints "name=<name> value=<value>" (just the value with
// -q/-Q); a missing attribute without a default prints "Error performing operation: The
// object/attribute does not exist" and exits 234 (1.0 returned its cib_NOTEXISTS, -22); a usage
// error exits 1 after the message.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cibd/cib_client.h"

namespace pacer::crmd::tools {

enum class AttributeTool { crm_attribute, crm_standby, crm_failcount, crm_master };

struct ToolContext {
  cib::CibClient& cib;
  std::string local_node;  // uname -n
  std::function<std::optional<std::string>(const std::string&)> getenv;
  std::ostream& out;
  std::ostream& err;
  // crm_resource -F: asks crmd to mark a resource failed on a node (unset: crmd is unreachable).
  std::function<Status(const std::string& rsc, const std::string& node)> fail_resource;
  // crm_resource -C: deletes a node's attribute through attrd too (attrd::delete_attribute), so
  // the node's attrd does not write a cleaned-up fail-count again (unset: the CIB only).
  std::function<Status(const std::string& name, const std::string& node)> delete_attribute;
};

int run_attribute_tool(AttributeTool tool, const std::vector<std::string>& args, ToolContext& context);

inline constexpr int kExitNotExists = 234;

}  // namespace pacer::crmd::tools
