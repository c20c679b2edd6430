// The sandbox's address plan: which LAN a node interface is on, its address, MAC and switch port.
//
// Everything comes from 198.18.0.0/15 (RFC 2544 benchmarking space) so nothing can collide with a
// real network: eth0 = service LAN 198.19.0.0/24, eth1 = 198.18.1.0/24, eth2 = 198.18.2.0/24.
// Node i has host number i on every LAN; the client is 198.19.0.200 on the service LAN only.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pacer::sandbox {

enum class Lan { service = 0, ic1 = 1, ic2 = 2 };
inline constexpr Lan kAllLans[] = {Lan::service, Lan::ic1, Lan::ic2};
inline constexpr int kClientHost = 200;
inline constexpr int kMaxNodes = 199;

int lan_number(Lan lan);                       // 0, 1, 2
std::optional<Lan> lan_from_name(std::string_view name);  // "eth1", "ic1", "1", "service", "eth0"
std::string lan_iface(Lan lan);                // "eth1": the interface inside a node
std::string lan_bridge(Lan lan);               // "br1": the bridge in the switch netns
std::string lan_subnet(Lan lan);               // "198.18.1.0/24"
std::string lan_broadcast(Lan lan);            // "198.18.1.255"
std::string host_address(Lan lan, int host);   // "198.18.1.<host>"
std::string host_mac(Lan lan, int host);       // "02:00:00:00:01:<host hex>" (locally administered)
// The switch-side end of a host's veth: "e1-pm2", "e0-client". At most 15 characters.
std::string switch_port(Lan lan, const std::string& host_name);

// One host plugged into the switch: a node or the client.
struct HostPlan {
  std::string name;   // "pm1" or "client" (also the hostname)
  int host_number;    // the last octet on every LAN
  std::vector<Lan> lans;
};

HostPlan node_plan(int index);  // pm<index> on all three LANs
HostPlan client_plan();         // client on the service LAN

// `ip -batch` text run in the switch netns that creates the host's veth pairs, moves the inner
// ends into the netns of `init_pid` (named eth0/eth1/eth2) and enslaves the outer ends.
std::string switch_wiring_batch(const HostPlan& host, int init_pid);
// `ip -batch` text run in the host's netns: loopback up, addresses, interfaces up.
std::string host_addressing_batch(const HostPlan& host);

}  // namespace pacer::sandbox
