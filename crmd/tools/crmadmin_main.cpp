// crmadmin (installed in /usr/sbin), Pacemaker 1.0's flags:
//   -D        "Designated Controller is: <node>"        (asks the local crmd)
//   -S NODE   "Status of crmd@<node>: <state> (ok)"     (another node: relayed by crmd)
//   -N        "normal node: <uname> (<uuid>)" per node  (from the CIB)
// Exit: 0; 1 when crmd (or the CIB) cannot be reached or the question cannot be answered.
#include <fmt/format.h>

#include <iostream>

#include "common/ipc/ipc_client.h"
#include "crmd.pb.h"
#include "crmd/status_service.h"
#include "crmd/tools/tool_main_support.h"
#include "crmd/tools/tool_options.h"

namespace {

using namespace pacer;

Result<proto::crmd::CrmdStatus> ask_crmd(ipc::EventLoop& loop, const std::string& node) {
  std::string service = crmd::tools::environment("PACER_CRMD_SERVICE").value_or(crmd::kCrmdServiceName);
  auto client = ipc::IpcClient::connect(loop, service);
  if (!client) return client.status();
  proto::crmd::CrmdStatusRequest request;
  request.set_version(1);
  request.set_node(node);
  auto reply = (*client)->request(ipc::make_message("crmd.status", request), Millis(15000));
  if (!reply) return reply.status();
  return ipc::parse_payload<proto::crmd::CrmdStatus>(*reply);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer::crmd::tools;
  auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc),
                              {{'D', "dc_lookup", false}, {'S', "status", true}, {'N', "nodes", false},
                               {'q', "quiet", false}, {'V', "verbose", false}, {'h', "help", false}});
  constexpr const char* kUsage = "usage: crmadmin (-D | -S node | -N) [-q]\n";
  if (!parsed || parsed->has('h') || !(parsed->has('D') || parsed->has('S') || parsed->has('N'))) {
    if (!parsed) std::cerr << parsed.status().message() << "\n";
    (parsed && parsed->has('h') ? std::cout : std::cerr) << kUsage;
    return parsed && parsed->has('h') ? 0 : 1;
  }
  if (parsed->has('N')) {
    return run_with_cib(1, argv, [](const std::vector<std::string>&, ToolContext& ctx) {
      auto cib = ctx.cib.perform(pacer::cib::CibRequest{});
      if (!cib) return 1;
      auto doc = pacer::XmlDocument::parse(cib->output, "cib");
      if (!doc) return 1;
      auto nodes = doc->select("/cib/configuration/nodes/node");
      for (auto n : nodes ? *nodes : std::vector<pacer::XmlNode>{})
        ctx.out << fmt::format("{} node: {} ({})\n", n.attribute("type").value_or("normal") == "member" ? "normal"
                                                        : n.attribute("type").value_or("normal"),
                               n.attribute("uname").value_or(""), n.attribute("id").value_or(""));
      return 0;
    });
  }
  pacer::RealClock clock;
  auto loop = pacer::ipc::EventLoop::create(clock);
  if (!loop) return 1;
  auto status = ask_crmd(**loop, parsed->has('S') ? *parsed->value('S') : std::string());
  if (!status) {
    std::cerr << "crmadmin: cannot reach crmd: " << status.status().message() << "\n";
    return 1;
  }
  if (parsed->has('D')) {
    if (status->dc().empty()) {
      std::cerr << "No Designated Controller is elected\n";
      return 1;
    }
    std::cout << (parsed->has('q') ? status->dc() : "Designated Controller is: " + status->dc()) << "\n";
    return 0;
  }
  std::string node = *parsed->value('S');
  if (status->state().empty()) {
    std::cerr << fmt::format("crmadmin: no answer from the crmd of {}\n", node);
    return 1;
  }
  std::cout << fmt::format("Status of crmd@{}: {} (ok)\n", node, status->state());
  return 0;
}
