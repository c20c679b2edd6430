// The switch netns: bridges, ports, link cuts.
#include "tests/sandbox/switch.h"

#include <chrono>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "tests/sandbox/command.h"

namespace pacer::sandbox {

Result<std::unique_ptr<Switch>> Switch::create(ProcessRunner& runner, std::string netns_name) {
  auto made = run_checked(runner, {"ip", "netns", "add", netns_name});
  if (!made) return made.status().with_context("creating the switch");
  std::unique_ptr<Switch> sw(new Switch(runner, std::move(netns_name)));
  // No STP / forward delay: a port forwards the moment it is up. No multicast snooping: heartbeat's
  // multicast reaches every port without IGMP.
  std::string cmds = "link set lo up\n";
  for (Lan lan : kAllLans) {
    cmds += fmt::format("link add {} type bridge stp_state 0 forward_delay 0 mcast_snooping 0\n", lan_bridge(lan));
    cmds += fmt::format("link set {} up\n", lan_bridge(lan));
  }
  if (Status st = sw->batch(cmds); !st) return st.with_context("creating the switch");
  return sw;
}

Switch::~Switch() {
  auto res = run_checked(runner_, {"ip", "netns", "del", netns_});
  (void)res;
}

Status Switch::batch(const std::string& commands) {
  auto res = run_checked(runner_, {"ip", "-n", netns_, "-batch", "-"}, commands);
  return res.status();
}

Status Switch::plug(const std::vector<std::pair<HostPlan, pid_t>>& hosts) {
  std::string cmds;
  for (const auto& [plan, pid] : hosts) cmds += switch_wiring_batch(plan, pid);
  return batch(cmds).with_context("plugging hosts into the switch");
}

Result<std::vector<std::string>> Switch::ports() {
  auto out = run_checked(runner_, {"ip", "-n", netns_, "-o", "link", "show"});
  if (!out) return out.status();
  std::vector<std::string> names;
  std::istringstream in(*out);
  std::string line;
  while (std::getline(in, line)) {
    // "7: e1-pm2@if3: <...>"
    auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string name = line.substr(colon + 2);
    name = name.substr(0, name.find_first_of("@:"));
    if (name.size() > 1 && name[0] == 'e' && name.find('-') != std::string::npos) names.push_back(name);
  }
  return names;
}

Status Switch::unplug(const HostPlan& host) {
  // The kernel destroys a dead netns (and the veth peers in it) asynchronously; deleting our ends
  // explicitly and waiting keeps a quick power-on from meeting "File exists".
  std::string cmds;
  for (Lan lan : host.lans) cmds += fmt::format("link del {}\n", switch_port(lan, host.name));
  (void)run_checked(runner_, {"ip", "-n", netns_, "-force", "-batch", "-"}, cmds);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    auto names = ports();
    if (!names) return names.status();
    bool left = false;
    for (Lan lan : host.lans)
      for (const auto& n : *names) left = left || n == switch_port(lan, host.name);
    if (!left) return Status::ok();
    if (std::chrono::steady_clock::now() > deadline)
      return Status::error(fmt::format("ports of {} still exist after 5 s", host.name));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

Status Switch::set_link(Lan lan, const std::string& host, bool up) {
  std::vector<std::string> targets;
  if (!host.empty()) {
    targets.push_back(switch_port(lan, host));
  } else {
    auto names = ports();
    if (!names) return names.status();
    std::string prefix = fmt::format("e{}-", lan_number(lan));
    for (const auto& n : *names)
      if (n.starts_with(prefix)) targets.push_back(n);
  }
  std::string cmds;
  for (const auto& t : targets) cmds += fmt::format("link set {} {}\n", t, up ? "up" : "down");
  if (cmds.empty()) return Status::ok();
  return batch(cmds).with_context(fmt::format("{} {}", up ? "restoring" : "cutting", lan_iface(lan)));
}

}  // namespace pacer::sandbox
