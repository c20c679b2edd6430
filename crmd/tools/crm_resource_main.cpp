// crm_resource (installed in /usr/sbin); the logic is resource_tool.h.
#include "crmd/tools/resource_tool.h"
#include "crmd/tools/tool_main_support.h"

int main(int argc, char** argv) {
  using namespace pacer::crmd::tools;
  return run_with_cib(argc, argv, [](const std::vector<std::string>& args, ToolContext& context) {
    return run_resource_tool(args, context);
  });
}
