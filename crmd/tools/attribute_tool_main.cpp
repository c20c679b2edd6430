// crm_attribute, crm_standby, crm_failcount and crm_master (installed in /usr/sbin): this file is
// compiled once per tool with PACER_ATTRIBUTE_TOOL naming which one; the logic is attribute_tool.h.
#include "crmd/tools/tool_main_support.h"

int main(int argc, char** argv) {
  using namespace pacer::crmd::tools;
  return run_with_cib(argc, argv, [](const std::vector<std::string>& args, ToolContext& context) {
    return run_attribute_tool(AttributeTool::PACER_ATTRIBUTE_TOOL, args, context);
  });
}
