// crm_resource as one function over a CibClient (see attribute_tool.h for the context):
//   -L                      list resources and where they run
//   -W -r RSC               "resource RSC is running on: NODE" / "resource RSC is NOT running"
//   -M -r RSC [-N|-H NODE]  move: cli-prefer-RSC (INFINITY on NODE) or, without a node,
//                           cli-standby-RSC (-INFINITY where it runs now)
//   -U -r RSC               remove both constraints
//   -C -r RSC [-N|-H NODE]  cleanup: forget its operation history and fail-count (the DC re-probes)
//   -P [-N|-H NODE]         reprobe: forget the operation history of every resource
//   -r RSC -p NAME -v VAL | -g NAME | -d NAME [--meta]   instance (or meta) attributes
//   -F -r RSC -H NODE       tell the cluster RSC failed on NODE: that node's crmd reports a failed
//                           asyncmon to the DC (fail-count, then recovery), through ctx.fail_resource
#pragma once

#include <string>
#include <vector>

#include "crmd/tools/attribute_tool.h"

namespace pacer::crmd::tools {

int run_resource_tool(const std::vector<std::string>& args, ToolContext& context);

}  // namespace pacer::crmd::tools
