// crm_resource (installed in /usr/sbin); the logic is resource_tool.h.
#include "attrd/client/attrd_client.h"
#include "common/ipc/ipc_client.h"
#include "crmd.pb.h"
#include "crmd/status_service.h"
#include "crmd/tools/resource_tool.h"
#include "crmd/tools/tool_main_support.h"

namespace {

using namespace pacer;

// -F: the local crmd does it, or relays it to the crmd of `node`.
Status ask_crmd_to_fail(const std::string& rsc, const std::string& node) {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return loop.status();
  std::string service = crmd::tools::environment("PACER_CRMD_SERVICE").value_or(crmd::kCrmdServiceName);
  auto client = ipc::IpcClient::connect(**loop, service);
  if (!client) return client.status().with_context("cannot reach crmd");
  proto::crmd::CrmdFailRequest request;
  request.set_version(1);
  request.set_rsc(rsc);
  request.set_node(node);
  auto reply = (*client)->request(ipc::make_message("crmd.fail", request), Millis(15000));
  if (!reply) return reply.status().with_context("crmd");
  auto answer = ipc::parse_payload<proto::crmd::CrmdFailReply>(*reply);
  if (!answer) return answer.status();
  return answer->error().empty() ? Status::ok() : Status::error(answer->error());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer::crmd::tools;
  return run_with_cib(argc, argv, [](const std::vector<std::string>& args, ToolContext& context) {
    context.fail_resource = ask_crmd_to_fail;
    // Against a live cluster (not CIB_file) -C also makes the nodes' attrd forget.
    if (!crmd::tools::environment("CIB_file").value_or("").size()) context.delete_attribute = attrd::delete_attribute;
    return run_resource_tool(args, context);
  });
}
