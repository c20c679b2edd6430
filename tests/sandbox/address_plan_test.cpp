// Unit tests of the sandbox address plan: every address in 198.18.0.0/15, names within IFNAMSIZ.
#include <catch2/catch.hpp>

#include "tests/sandbox/address_plan.h"

using namespace pacer::sandbox;

TEST_CASE("node and client addresses come from 198.18.0.0/15") {
  CHECK(host_address(Lan::service, 1) == "198.19.0.1");
  CHECK(host_address(Lan::ic1, 2) == "198.18.1.2");
  CHECK(host_address(Lan::ic2, 16) == "198.18.2.16");
  CHECK(lan_broadcast(Lan::ic1) == "198.18.1.255");
  CHECK(lan_subnet(Lan::service) == "198.19.0.0/24");
  CHECK(client_plan().host_number == 200);
  CHECK(client_plan().lans.size() == 1);
}

TEST_CASE("interface names fit IFNAMSIZ and MACs are locally administered") {
  CHECK(switch_port(Lan::ic1, "pm2") == "e1-pm2");
  CHECK(switch_port(Lan::service, "client").size() <= 15);
  CHECK(switch_port(Lan::ic2, "pm199").size() <= 15);
  CHECK(host_mac(Lan::ic1, 16) == "02:00:00:00:01:10");
  CHECK(lan_from_name("eth2") == Lan::ic2);
  CHECK(!lan_from_name("eth3"));
}

TEST_CASE("wiring batches plug each LAN into its bridge") {
  std::string sw = switch_wiring_batch(node_plan(3), 4242);
  CHECK(sw.find("link add e1-pm3 type veth peer name eth1 netns 4242 address 02:00:00:00:01:03\n") != std::string::npos);
  CHECK(sw.find("link set e2-pm3 master br2 up\n") != std::string::npos);
  std::string in = host_addressing_batch(node_plan(3));
  CHECK(in.find("addr add 198.18.2.3/24 brd + dev eth2\n") != std::string::npos);
  CHECK(in.rfind("link set lo up\n", 0) == 0);
}
