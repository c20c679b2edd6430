// crmd fail-over benchmark on the sandbox (issue 8): two nodes under heartbeatd with a millisecond
// trace (ha.cf `env tracefile=...`, every crmd line with its time). It measures
//  * election and join times at start-up (the DC's state transitions);
//  * pacer's own share of a fail-over when the DC survives: a Dummy's monitor fails (its state file
//    removed), the resource moves. From the failed monitor's result reaching crmd to the start's
//    result on the other node, minus the time the stop and the start spent in the agent;
//  * the same when the DC itself is lost: the DC's node (running the Dummy) is powered off. From
//    the survivor's crmd learning the node is gone (membership or heartbeat status, the end of
//    detection) to the start's result, minus the start's agent time;
//  * PSS of crmd (both nodes) and of the DC's pengine, idle.
//
//   crmd_failover_bench [ITERATIONS_DC_SURVIVES=10] [ITERATIONS_DC_LOST=3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "bench/trace_log.h"
#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"

using namespace pacer;
using namespace std::chrono;
using bench::agent_time;
using bench::first;
using bench::summary;

namespace {

const char* kTrace = "/var/log/pacer-trace.log";

class Bench {
 public:
  explicit Bench(std::unique_ptr<sandbox::Sandbox> sb) : sb_(std::move(sb)) {}

  std::string run(const std::string& node, const std::string& script, int* code = nullptr) {
    auto outcome = sandbox::run_shell(*sb_, node, script, milliseconds(60000));
    if (code) *code = outcome.code;
    return outcome.out;
  }

  void start(const std::string& n) {
    std::string ha_cf =
        "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\nlogfacility local1\n"
        "bcast eth1\nbcast eth2\nnode pm1\nnode pm2\nenv tracefile=" + std::string(kTrace) + "\n";
    (void)sb_->write_file(n, "/etc/ha.d/ha.cf", ha_cf);
    (void)sb_->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 bench\n");
    // The daemons that trace run as hacluster.
    run(n, fmt::format("touch {0} && chmod 666 {0}", kTrace));
    run(n, "chmod 600 /etc/ha.d/authkeys && " PACER_LIBEXEC "/heartbeatd");
  }

  static bool wait_until(const std::function<bool()>& probe, milliseconds timeout) {
    auto end = steady_clock::now() + timeout;
    while (!probe()) {
      if (steady_clock::now() > end) return false;
      std::this_thread::sleep_for(milliseconds(100));
    }
    return true;
  }

  std::string dc_of(const std::string& node) {
    int code = 0;
    std::string out = run(node, "crmadmin -D -q", &code);
    return code == 0 ? out : "";
  }

  std::string running_on(const std::string& node) {
    std::string out = run(node, "crm_resource -W -r prmDummy 2>/dev/null");
    std::smatch m;
    static const std::regex on("is running on: (pm[12])");
    return std::regex_search(out, m, on) ? m[1].str() : "";
  }

  // The trace lines of `node` from line `from` on.
  std::vector<bench::TraceLine> trace(const std::string& node, std::size_t from = 0) {
    return bench::parse_trace(run(node, fmt::format("tail -n +{} {} 2>/dev/null", from + 1, kTrace)));
  }

  std::size_t trace_length(const std::string& node) {
    std::string n = run(node, fmt::format("wc -l < {} 2>/dev/null || echo 0", kTrace));
    return n.empty() ? 0 : std::stoul(n);
  }

  sandbox::Sandbox& sb() { return *sb_; }

 private:
  std::unique_ptr<sandbox::Sandbox> sb_;
};

std::string pss_kib(Bench& b, const std::string& node, const std::string& name) {
  return b.run(node, "pid=$(ps -eo pid=,args= | awk '$2==\"" + name + "\" || $2 ~ /\\/" + name +
                         "$/ {print $1; exit}'); [ -n \"$pid\" ] && awk '/^Pss:/ {print $2}' /proc/$pid/smaps_rollup");
}

}  // namespace

int main(int argc, char** argv) {
  int survives_runs = argc > 1 ? std::atoi(argv[1]) : 10;
  int lost_runs = argc > 2 ? std::atoi(argv[2]) : 3;
  sandbox::SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.stage_dir = PACER_CRMD_STAGE;
  so.shared_disk = false;
  so.internal_disks = false;
  auto sb = sandbox::Sandbox::create(so);
  if (!sb) {
    fmt::print(stderr, "sandbox: {}\n", sb.error_message());
    return 1;
  }
  Bench b(std::move(*sb));
  b.start("pm1");
  b.start("pm2");
  std::string dc;
  if (!Bench::wait_until([&] { dc = b.dc_of("pm1"); return !dc.empty() && b.dc_of("pm2") == dc; }, seconds(60))) {
    fmt::print(stderr, "no DC\n");
    return 1;
  }
  Bench::wait_until([&] { return b.run(dc, "crmadmin -S " + dc).find("S_IDLE") != std::string::npos; }, seconds(30));
  {
    auto t = b.trace(dc);
    auto election = first(t, "State transition S_PENDING -> S_ELECTION");
    auto won = first(t, "State transition S_ELECTION -> S_INTEGRATION");
    auto finalize = first(t, "State transition S_INTEGRATION -> S_FINALIZE_JOIN");
    auto joined = first(t, "State transition S_FINALIZE_JOIN -> S_POLICY_ENGINE");
    if (election && won) fmt::print("election: {:.0f} ms (S_ELECTION -> S_INTEGRATION on the DC)\n", *won - *election);
    if (won && joined)
      fmt::print("join: {:.0f} ms (S_INTEGRATION -> S_POLICY_ENGINE; {:.0f} ms integrating)\n", *joined - *won,
                 finalize ? *finalize - *won : 0.0);
  }
  b.run(dc, "crm_attribute -n stonith-enabled -v false && crm_attribute -n no-quorum-policy -v ignore");
  b.run(dc, "cibadmin -C -o resources -X '<primitive id=\"prmDummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            "<meta_attributes id=\"prmDummy-meta\"><nvpair id=\"prmDummy-mt\" name=\"migration-threshold\" value=\"1\"/>"
            "<nvpair id=\"prmDummy-rs\" name=\"resource-stickiness\" value=\"INFINITY\"/></meta_attributes>"
            "<operations><op id=\"prmDummy-monitor\" name=\"monitor\" interval=\"1s\" timeout=\"20s\"/></operations>"
            "</primitive>'");
  if (!Bench::wait_until([&] { return !b.running_on(dc).empty(); }, seconds(30))) {
    fmt::print(stderr, "prmDummy did not start\n");
    return 1;
  }

  std::vector<double> survives, survives_total;
  for (int i = 0; i < survives_runs; ++i) {
    std::string where = b.running_on(dc);
    std::string to = where == "pm1" ? "pm2" : "pm1";
    std::size_t from_where = b.trace_length(where), from_to = b.trace_length(to);
    b.run(where, "rm -f /run/resource-agents/Dummy-prmDummy.state");
    if (!Bench::wait_until([&] { return b.running_on(dc) == to; }, seconds(30))) {
      fmt::print(stderr, "run {}: prmDummy did not move to {}\n", i, to);
      break;
    }
    std::this_thread::sleep_for(milliseconds(300));  // the trace lines are written
    auto tw = b.trace(where, from_where), tt = b.trace(to, from_to);
    auto failed = first(tw, "process_lrm_event: LRM operation prmDummy_monitor_1000 (call=");
    auto stop = failed ? agent_time(tw, "prmDummy_stop_0", *failed) : std::nullopt;
    auto start = failed ? agent_time(tt, "prmDummy_start_0", *failed) : std::nullopt;
    auto started = failed ? first(tt, "process_lrm_event: LRM operation prmDummy_start_0 (call=", *failed) : std::nullopt;
    if (failed && stop && start && started) {
      survives_total.push_back(*started - *failed);
      survives.push_back(*started - *failed - *stop - *start);
    } else {
      fmt::print(stderr, "run {}: incomplete trace\n", i);
    }
    b.run(dc, "crm_resource -C -r prmDummy -H " + where);
    std::this_thread::sleep_for(milliseconds(1500));
  }
  fmt::print("fail-over, DC survives (monitor failure -> move), pacer's share: {}\n", summary(survives));
  fmt::print("  whole fail-over from the failed monitor's result: {}\n", summary(survives_total));

  fmt::print("idle PSS: crmd pm1 {} KiB, crmd pm2 {} KiB, pengine on {} {} KiB\n", pss_kib(b, "pm1", "crmd"),
             pss_kib(b, "pm2", "crmd"), dc, pss_kib(b, dc, "pengine"));

  std::vector<double> lost, lost_total;
  for (int i = 0; i < lost_runs; ++i) {
    dc = b.dc_of("pm1");
    if (dc.empty()) dc = b.dc_of("pm2");
    std::string other = dc == "pm1" ? "pm2" : "pm1";
    if (b.running_on(other) != dc) {
      b.run(other, "crm_resource -M -r prmDummy -N " + dc);
      Bench::wait_until([&] { return b.running_on(other) == dc; }, seconds(30));
      b.run(other, "crm_resource -U -r prmDummy");
      std::this_thread::sleep_for(milliseconds(1500));
    }
    std::size_t from = b.trace_length(other);
    if (!b.sb().power_off(dc)) break;
    if (!Bench::wait_until([&] { return b.running_on(other) == other; }, seconds(60))) {
      fmt::print(stderr, "run {}: prmDummy did not come to {}\n", i, other);
      break;
    }
    std::this_thread::sleep_for(milliseconds(300));
    auto t = b.trace(other, from);
    auto status = first(t, "now has status [dead]");
    auto membership = first(t, "crmd_ccm_msg_callback:");
    std::optional<double> detected = status && membership ? std::min(*status, *membership) : status ? status : membership;
    auto start = detected ? agent_time(t, "prmDummy_start_0", *detected) : std::nullopt;
    auto started = detected ? first(t, "process_lrm_event: LRM operation prmDummy_start_0 (call=", *detected) : std::nullopt;
    if (detected && start && started) {
      lost_total.push_back(*started - *detected);
      lost.push_back(*started - *detected - *start);
    } else {
      fmt::print(stderr, "run {}: incomplete trace\n", i);
    }
    if (!b.sb().power_on(dc)) break;
    b.start(dc);
    Bench::wait_until([&] { std::string d = b.dc_of(dc); return !d.empty() && d == b.dc_of(other); }, seconds(60));
    std::this_thread::sleep_for(seconds(2));
  }
  fmt::print("fail-over, DC lost (its node powered off), pacer's share after detection: {}\n", summary(lost));
  fmt::print("  whole fail-over after detection: {}\n", summary(lost_total));
  return 0;
}
