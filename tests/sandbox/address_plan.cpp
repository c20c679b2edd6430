// Address plan of the sandbox: pure string building, unit-tested (address_plan_test.cpp).
#include "tests/sandbox/address_plan.h"

#include <fmt/format.h>

namespace pacer::sandbox {

int lan_number(Lan lan) { return static_cast<int>(lan); }

std::optional<Lan> lan_from_name(std::string_view name) {
  if (name == "eth0" || name == "service" || name == "0" || name == "lan") return Lan::service;
  if (name == "eth1" || name == "ic1" || name == "1") return Lan::ic1;
  if (name == "eth2" || name == "ic2" || name == "2") return Lan::ic2;
  return std::nullopt;
}

std::string lan_iface(Lan lan) { return fmt::format("eth{}", lan_number(lan)); }
std::string lan_bridge(Lan lan) { return fmt::format("br{}", lan_number(lan)); }

static std::string lan_net(Lan lan) {
  return lan == Lan::service ? "198.19.0" : fmt::format("198.18.{}", lan_number(lan));
}

std::string lan_subnet(Lan lan) { return lan_net(lan) + ".0/24"; }
std::string lan_broadcast(Lan lan) { return lan_net(lan) + ".255"; }
std::string host_address(Lan lan, int host) { return fmt::format("{}.{}", lan_net(lan), host); }
std::string host_mac(Lan lan, int host) {
  return fmt::format("02:00:00:00:{:02x}:{:02x}", lan_number(lan), host);
}
std::string switch_port(Lan lan, const std::string& host_name) {
  return fmt::format("e{}-{}", lan_number(lan), host_name);
}

HostPlan node_plan(int index) {
  return HostPlan{fmt::format("pm{}", index), index, {Lan::service, Lan::ic1, Lan::ic2}};
}
HostPlan client_plan() { return HostPlan{"client", kClientHost, {Lan::service}}; }

std::string switch_wiring_batch(const HostPlan& host, int init_pid) {
  std::string out;
  for (Lan lan : host.lans) {
    std::string port = switch_port(lan, host.name);
    out += fmt::format("link add {} type veth peer name {} netns {} address {}\n", port,
                       lan_iface(lan), init_pid, host_mac(lan, host.host_number));
    out += fmt::format("link set {} master {} up\n", port, lan_bridge(lan));
  }
  return out;
}

std::string host_addressing_batch(const HostPlan& host) {
  std::string out = "link set lo up\n";
  for (Lan lan : host.lans) {
    out += fmt::format("addr add {}/24 brd + dev {}\n", host_address(lan, host.host_number),
                       lan_iface(lan));
    out += fmt::format("link set {} up\n", lan_iface(lan));
  }
  return out;
}

}  // namespace pacer::sandbox
