#include "tests/heartbeat/heartbeat_cluster.h"
#include "tests/sandbox/node_shell.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <thread>

namespace pacer::testing {

using namespace std::chrono;

std::unique_ptr<HeartbeatCluster> HeartbeatCluster::start(ClusterOptions options) {
  auto cluster = std::unique_ptr<HeartbeatCluster>(new HeartbeatCluster());
  cluster->options_ = options;
  sandbox::SandboxOptions so;
  so.nodes = options.nodes;
  so.client = false;
  so.stage_dir = PACER_HB_STAGE;
  so.watchdog_timeout = options.watchdog_timeout;
  so.shared_disk = false;
  so.internal_disks = false;
  auto sb = sandbox::Sandbox::create(so);
  INFO(sb.error_message());
  REQUIRE(sb);
  cluster->sandbox_ = std::move(*sb);
  for (const auto& node : cluster->nodes()) {
    REQUIRE(cluster->sandbox_->write_file(node, "/etc/ha.d/ha.cf", cluster->ha_cf()));
    REQUIRE(cluster->sandbox_->write_file(node, "/etc/ha.d/authkeys", "auth 1\n1 sha1 integration-test\n"));
    cluster->run(node, "chmod 600 /etc/ha.d/authkeys");
    cluster->start_heartbeat(node);
  }
  return cluster;
}

HeartbeatCluster::~HeartbeatCluster() = default;

std::vector<std::string> HeartbeatCluster::nodes() const {
  std::vector<std::string> out;
  for (int i = 1; i <= options_.nodes; ++i) out.push_back("pm" + std::to_string(i));
  return out;
}

std::string HeartbeatCluster::ha_cf() const {
  std::string cf = fmt::format(
      "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime {}\ninitdead {}\n"
      "logfacility local1\n", options_.deadtime_s, 2 * options_.deadtime_s) + options_.media;
  for (const auto& n : nodes()) cf += "node " + n + "\n";
  if (options_.watchdog) cf += "watchdog /dev/watchdog\n";
  cf += "respawn root /usr/libexec/pacer/ifcheckd\n";
  return cf;
}

void HeartbeatCluster::start_heartbeat(const std::string& node) {
  run(node, "/usr/libexec/pacer/heartbeatd");
}

int HeartbeatCluster::run_status(const std::string& node, const std::string& script, std::string* out) {
  auto outcome = sandbox::run_shell(*sandbox_, node, script, milliseconds(180000));
  if (out) *out = outcome.out;
  return outcome.code;
}

std::string HeartbeatCluster::run(const std::string& node, const std::string& script) {
  auto outcome = sandbox::run_shell(*sandbox_, node, script, milliseconds(180000));
  INFO(node << ": " << script << "\n" << outcome.summary << "\nstdout: " << outcome.out
            << "\nstderr: " << outcome.err);
  REQUIRE(outcome.code == 0);
  return outcome.out;
}

std::string HeartbeatCluster::ha_log(const std::string& node) {
  std::string out;
  run_status(node, "cat /var/log/ha-log", &out);
  return out;
}

std::optional<milliseconds> HeartbeatCluster::wait_until(std::function<bool()> probe, milliseconds timeout,
                                                         milliseconds every) {
  auto start = steady_clock::now();
  while (true) {
    if (probe()) return duration_cast<milliseconds>(steady_clock::now() - start);
    if (steady_clock::now() - start > timeout) return std::nullopt;
    std::this_thread::sleep_for(every);
  }
}

bool HeartbeatCluster::wait_for_membership(const std::vector<std::string>& on, const std::string& members,
                                           milliseconds timeout) {
  return wait_until(
             [&] {
               std::string first;
               for (const auto& n : on) {
                 std::string m;
                 if (run_status(n, "hb-test-tool membership", &m) != 0) return false;
                 if (m.find("members " + members) == std::string::npos ||
                     m.size() != m.find("members " + members) + 8 + members.size())
                   return false;
                 std::string instance = m.substr(0, m.find(" quorate"));
                 if (first.empty()) first = instance;
                 if (instance != first) return false;
               }
               return true;
             },
             timeout, milliseconds(100))
      .has_value();
}

}  // namespace pacer::testing
