#include "tests/attrd/attrd_cluster.h"
#include "tests/sandbox/node_shell.h"

#include <catch2/catch.hpp>

#include <regex>
#include <thread>

namespace pacer::attrd::testing {

using namespace std::chrono;

std::unique_ptr<AttrdCluster> AttrdCluster::start(int nodes) {
  auto cluster = std::unique_ptr<AttrdCluster>(new AttrdCluster());
  cluster->nodes_ = nodes;
  sandbox::SandboxOptions so;
  so.nodes = nodes;
  so.client = true;  // 198.19.0.200: the ping target
  so.stage_dir = PACER_ATTRD_STAGE;
  so.shared_disk = false;
  so.internal_disks = true;  // diskd's device
  auto sb = sandbox::Sandbox::create(so);
  INFO(sb.error_message());
  REQUIRE(sb);
  cluster->sandbox_ = std::move(*sb);
  std::string ha_cf =
      "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\nlogfacility local1\n"
      "bcast eth1\nbcast eth2\n";
  for (int i = 1; i <= nodes; ++i) ha_cf += "node pm" + std::to_string(i) + "\n";
  ha_cf += "respawn root " PACER_LIBEXEC "/ifcheckd\n";
  for (int i = 1; i <= nodes; ++i) {
    std::string n = "pm" + std::to_string(i);
    REQUIRE(cluster->sandbox_->write_file(n, "/etc/ha.d/ha.cf", ha_cf));
    REQUIRE(cluster->sandbox_->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 attrd-test\n"));
    cluster->run(n, "chmod 600 /etc/ha.d/authkeys && " PACER_LIBEXEC "/heartbeatd");
  }
  for (int i = 1; i <= nodes; ++i) {
    std::string n = "pm" + std::to_string(i);
    // attrd answers (105: the probe attribute is not set) and cibd answers.
    REQUIRE(wait_until(
        [&] {
          return cluster->run_status(n, "attrd_updater -Q -n probe -q; [ $? = 105 ] && cibadmin -Q -o status >/dev/null") == 0;
        },
        seconds(30)));
  }
  return cluster;
}

int AttrdCluster::run_status(const std::string& node, const std::string& script, std::string* out) {
  auto outcome = sandbox::run_shell(*sandbox_, node, script, milliseconds(60000));
  if (out) *out = outcome.out;
  return outcome.code;
}

std::string AttrdCluster::run(const std::string& node, const std::string& script) {
  auto outcome = sandbox::run_shell(*sandbox_, node, script, milliseconds(60000));
  INFO(node << ": " << script << "\n" << outcome.summary << "\nstdout: " << outcome.out
            << "\nstderr: " << outcome.err);
  REQUIRE(outcome.code == 0);
  return outcome.out;
}

std::optional<std::string> AttrdCluster::cib_value(const std::string& node, const std::string& name) {
  std::string out;
  if (run_status(node, "cibadmin -Q -o status", &out) != 0) return std::nullopt;
  std::regex nv("<nvpair [^>]*name=\"" + name + "\" value=\"([^\"]*)\"");
  std::smatch m;
  if (std::regex_search(out, m, nv)) return m[1].str();
  return std::nullopt;
}

bool AttrdCluster::wait_for_value(const std::string& node, const std::string& name,
                                  const std::optional<std::string>& value, milliseconds timeout) {
  return wait_until([&] { return cib_value(node, name) == value; }, timeout);
}

bool AttrdCluster::wait_for_log(const std::string& node, const std::string& text, milliseconds timeout) {
  return wait_until(
      [&] {
        std::string log;
        run_status(node, "cat /var/log/ha-log", &log);
        return log.find(text) != std::string::npos;
      },
      timeout);
}

bool AttrdCluster::ensure_dc(milliseconds patience) {
  bool by_crmd = true;
  for (int i = 1; i <= nodes_; ++i) {
    std::string n = "pm" + std::to_string(i);
    auto has_dc = [&] { return run_status(n, "cibadmin -Q | head -1 | grep -q 'dc-uuid=\"[^\"]'") == 0; };
    if (wait_until(has_dc, patience)) continue;
    by_crmd = false;
    run(n, "cibadmin -M -X '<cib dc-uuid=\"test-dc\"/>'");
  }
  return by_crmd;
}

bool AttrdCluster::wait_until(const std::function<bool()>& probe, milliseconds timeout, milliseconds every) {
  auto start = steady_clock::now();
  while (true) {
    if (probe()) return true;
    if (steady_clock::now() - start > timeout) return false;
    std::this_thread::sleep_for(every);
  }
}

}  // namespace pacer::attrd::testing
