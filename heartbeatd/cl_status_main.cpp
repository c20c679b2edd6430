// cl_status: Heartbeat's cluster status tool, answering from heartbeatd's API.
//
//   cl_status hbstatus                       is heartbeat running here?
//   cl_status listnodes [-p|-n]              the nodes (-p ping nodes only, -n normal only)
//   cl_status nodestatus NODE                init | active | dead | ping
//   cl_status nodetype NODE                  normal | ping
//   cl_status listhblinks NODE               the node's heartbeat links, one per line
//   cl_status hblinkstatus NODE LINK         up | dead
//   cl_status clientstatus NODE CLIENT [MS]  online | offline (asks NODE's heartbeatd)
// Exit codes: 0 answered, 1 the answer is "not running"/"not found", 2 usage or API failure.
#include <cstdio>
#include <string>
#include <vector>

#include "common/ipc/event_loop.h"
#include "heartbeatd/client/heartbeat_client.h"

namespace {

using namespace pacer;

int usage() {
  std::fprintf(stderr,
               "usage: cl_status hbstatus | listnodes [-p|-n] | nodestatus NODE | nodetype NODE |\n"
               "                 listhblinks NODE | hblinkstatus NODE LINK |\n"
               "                 clientstatus NODE CLIENT [TIMEOUT]\n");
  return 2;
}

const proto::hbapi::NodeStatus* find_node(const proto::hbapi::StatusReply& s, const std::string& name) {
  for (const auto& n : s.nodes())
    if (n.node() == name) return &n;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::string& command = args[0];
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return 2;
  auto client = heartbeat::HeartbeatClient::connect(**loop, "cl_status");
  if (command == "hbstatus") {
    std::printf(client ? "Heartbeat is running on this machine.\n"
                       : "Heartbeat is stopped on this machine.\n");
    return client ? 0 : 1;
  }
  if (!client) {
    std::fprintf(stderr, "cl_status: %s\n", client.error_message().c_str());
    return 2;
  }
  auto status = (*client)->status();
  if (!status) {
    std::fprintf(stderr, "cl_status: %s\n", status.error_message().c_str());
    return 2;
  }
  auto need = [&](size_t n) { return args.size() >= n; };
  if (command == "listnodes") {
    std::string only = args.size() > 1 ? args[1] : "";
    if (!only.empty() && only != "-p" && only != "-n") return usage();
    for (const auto& n : status->nodes()) {
      if (only == "-p" && n.type() != "ping") continue;
      if (only == "-n" && n.type() != "normal") continue;
      std::printf("%s\n", n.node().c_str());
    }
    return 0;
  }
  if ((command == "nodestatus" || command == "nodetype" || command == "listhblinks") && need(2)) {
    const auto* node = find_node(*status, args[1]);
    if (!node) {
      std::fprintf(stderr, "cl_status: node %s is not in the cluster\n", args[1].c_str());
      return 1;
    }
    if (command == "nodestatus") std::printf("%s\n", node->status().c_str());
    if (command == "nodetype") std::printf("%s\n", node->type().c_str());
    if (command == "listhblinks")
      for (const auto& l : status->links())
        if (l.node() == args[1]) std::printf("\t%s\n", l.interface().c_str());
    return 0;
  }
  if (command == "hblinkstatus" && need(3)) {
    for (const auto& l : status->links())
      if (l.node() == args[1] && l.interface() == args[2]) {
        std::printf("%s\n", l.status().c_str());
        return 0;
      }
    std::fprintf(stderr, "cl_status: no link %s on node %s\n", args[2].c_str(), args[1].c_str());
    return 1;
  }
  if (command == "clientstatus" && need(3)) {
    Millis timeout(args.size() > 3 ? std::atoi(args[3].c_str()) : 5000);
    auto answer = (*client)->client_status(args[1], args[2], timeout);
    if (!answer) {
      std::fprintf(stderr, "cl_status: %s\n", answer.error_message().c_str());
      return 2;
    }
    std::printf("%s\n", answer->c_str());
    return *answer == "online" ? 0 : 1;
  }
  return usage();
}
