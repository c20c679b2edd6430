// crm_node (installed in /usr/sbin), Pacemaker 1.0's flags on the Heartbeat stack:
//   -n   this node's name              -q   1 when the partition has quorum, else 0
//   -p   the partition's members (one line, space-separated)
//   -l   every known node: "<uuid> <uname> <status>"
//   -R NODE [--force]   remove the node from the CIB (nodes and status sections)
// Membership comes from heartbeatd (ccm); the removal goes to the CIB.
#include <fmt/format.h>

#include <iostream>

#include "crmd/tools/tool_main_support.h"
#include "crmd/tools/tool_options.h"
#include "heartbeatd/client/heartbeat_client.h"

int main(int argc, char** argv) {
  using namespace pacer;
  using namespace pacer::crmd::tools;
  auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc),
                              {{'n', "name", false}, {'q', "quorum", false}, {'p', "partition", false},
                               {'l', "list", false}, {'R', "remove", true}, {'f', "force", false},
                               {'H', "heartbeat", false}, {'V', "verbose", false}, {'h', "help", false}});
  constexpr const char* kUsage = "usage: crm_node (-n | -q | -p | -l | -R node [--force])\n";
  if (!parsed || parsed->has('h')) {
    if (!parsed) std::cerr << parsed.status().message() << "\n";
    (parsed ? std::cout : std::cerr) << kUsage;
    return parsed ? 0 : 1;
  }
  if (parsed->has('R')) {
    std::string node = *parsed->value('R');
    return run_with_cib(1, argv, [&node](const std::vector<std::string>&, ToolContext& ctx) {
      for (const char* xpath : {"/cib/configuration/nodes/node[@uname='{}']", "/cib/status/node_state[@uname='{}']"}) {
        cib::CibRequest request;
        request.operation = cib::CibOperation::remove;
        request.xpath = fmt::format(fmt::runtime(xpath), node);
        if (auto r = ctx.cib.perform(request); !r) {
          ctx.err << "Error performing operation: " << r.status().message() << "\n";
          return 1;
        }
      }
      return 0;
    });
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return 1;
  auto hb = heartbeat::HeartbeatClient::connect(**loop, "crm_node");
  if (!hb) {
    if (parsed->has('n')) {
      std::cout << local_node_name() << "\n";
      return 0;
    }
    std::cerr << "crm_node: cannot sign on with heartbeat: " << hb.error_message() << "\n";
    return 1;
  }
  if (parsed->has('n')) {
    std::cout << (*hb)->identity().node() << "\n";
    return 0;
  }
  auto status = (*hb)->status();
  if (!status) {
    std::cerr << "crm_node: " << status.error_message() << "\n";
    return 1;
  }
  if (parsed->has('q')) {
    std::cout << (status->membership().quorate() ? 1 : 0) << "\n";
    return status->membership().quorate() ? 0 : 1;
  }
  if (parsed->has('p')) {
    std::string line;
    for (const auto& m : status->membership().members()) line += (line.empty() ? "" : " ") + m;
    std::cout << line << "\n";
    return 0;
  }
  if (parsed->has('l')) {
    for (const auto& n : status->nodes())
      if (n.type() != "ping") std::cout << fmt::format("{} {} {}\n", n.uuid(), n.node(), n.status());
    return 0;
  }
  std::cerr << kUsage;
  return 1;
}
