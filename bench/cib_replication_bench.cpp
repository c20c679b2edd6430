// CIB replication benchmark on the sandbox (issue 4): two nodes under heartbeatd, 1,000
// single-attribute status updates through cibd's IPC, made on the master (applied there, diffs to
// the other node) and on the other node (forwarded to the master and answered after it applied
// them), each timed; then how long until the last update is in the other node's copy.
//
//   cib_replication_bench [UPDATES=1000]               small CIB, the whole stack (`pacemaker on`)
//   cib_replication_bench UPDATES NODES RESOURCES      the large CIB of cib_bench_generator.h:
//       heartbeatd runs cibd alone (a `respawn` line), so no DC plans for 1,000 resources while
//       it is measured; pm1's cib is made master as crmd would. Adds: replacing the whole CIB on
//       the master and its sync to pm2, a full query on each node, each cibd's RSS.
//   cib_replication_bench --client N TAG               inside a node: N updates, prints latencies
//   cib_replication_bench --role master|slave          inside a node: what crmd asks of its cib
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "bench/cib_bench_generator.h"
#include "bench/trace_log.h"
#include "cibd/cib_client.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"

using namespace pacer;
using namespace std::chrono;

namespace {

// A connection to the node's own cibd, for the in-node modes.
struct LocalCib {
  RealClock clock;
  std::unique_ptr<ipc::EventLoop> loop;
  std::unique_ptr<cib::CibClient> cib;

  bool connect() {
    auto l = ipc::EventLoop::create(clock);
    if (!l) return false;
    loop = std::move(*l);
    auto c = cib::connect_cib(*loop);
    if (!c) {
      fmt::print(stderr, "{}\n", c.error_message());
      return false;
    }
    cib = std::move(*c);
    return true;
  }
};

int client(int updates, const std::string& tag) {
  LocalCib local;
  if (!local.connect()) return 1;
  std::vector<double> ms;
  auto begin = steady_clock::now();
  for (int i = 1; i <= updates; ++i) {
    cib::CibRequest r;
    r.operation = cib::CibOperation::modify;
    r.section = "status";
    r.data = fmt::format(R"(<status><node_state id="bench-{0}" uname="bench-{0}"><transient_attributes id="bench-{0}">)"
                         R"(<instance_attributes id="bench-{0}-ia"><nvpair id="bench-{0}-n" name="n" value="{1}"/>)"
                         R"(</instance_attributes></transient_attributes></node_state></status>)",
                         tag, i);
    auto t0 = steady_clock::now();
    auto reply = local.cib->perform(r);
    ms.push_back(duration<double, std::milli>(steady_clock::now() - t0).count());
    if (!reply) {
      fmt::print(stderr, "update {}: {}\n", i, reply.error_message());
      return 1;
    }
  }
  double total = duration<double>(steady_clock::now() - begin).count();
  std::sort(ms.begin(), ms.end());
  fmt::print("{:.0f} updates/s, p50 {:.3f} ms, p99 {:.3f} ms", updates / total, ms[ms.size() / 2],
             ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]);
  return 0;
}

int set_role(const std::string& role) {
  LocalCib local;
  if (!local.connect()) return 1;
  cib::CibRequest r;
  r.operation = role == "master" ? cib::CibOperation::set_master : cib::CibOperation::set_slave;
  auto reply = local.cib->perform(r);
  if (!reply) {
    fmt::print(stderr, "{}: {}\n", role, reply.error_message());
    return 1;
  }
  return 0;
}

std::string self_path() {
  std::array<char, 4096> buf{};
  ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  return n > 0 ? std::string(buf.data(), static_cast<std::size_t>(n)) : "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 3 && std::string(argv[1]) == "--client") return client(std::atoi(argv[2]), argv[3]);
  if (argc > 2 && std::string(argv[1]) == "--role") return set_role(argv[2]);
  int updates = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int large_nodes = argc > 3 ? std::atoi(argv[2]) : 0;
  const int large_resources = argc > 3 ? std::atoi(argv[3]) : 0;
  const bool large = large_nodes > 0 && large_resources > 0;
  sandbox::SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.stage_dir = PACER_CIB_STAGE;
  so.shared_disk = false;
  so.internal_disks = false;
  auto sb = sandbox::Sandbox::create(so);
  if (!sb) {
    fmt::print(stderr, "sandbox: {}\n", sb.error_message());
    return 1;
  }
  auto run = [&](const std::string& node, const std::string& script, int* code = nullptr) {
    auto o = sandbox::run_shell(**sb, node, script, milliseconds(300000));
    if (code) *code = o.code;
    if (o.code != 0 && !o.err.empty()) fmt::print(stderr, "{}: {}\n", node, o.err);
    return o.out;
  };
  // The large CIB's 1,000 resources would keep a DC planning and probing through the whole
  // measurement, so that run has ccm and cibd without the rest of Pacemaker (and the API
  // permission `pacemaker on` would have given cib).
  const std::string children = large ? "respawn hacluster " PACER_LIBEXEC "/ccm\nrespawn hacluster " PACER_LIBEXEC
                                       "/cib\napiauth cib uid=hacluster\n"
                                     : "pacemaker on\n";
  for (std::string n : {"pm1", "pm2"}) {
    (void)(*sb)->write_file(n, "/etc/ha.d/ha.cf",
                            children + "keepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\n"
                                       "logfacility local1\nbcast eth1\nbcast eth2\nnode pm1\nnode pm2\n");
    (void)(*sb)->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 bench\n");
    run(n, "chmod 600 /etc/ha.d/authkeys && " PACER_LIBEXEC "/heartbeatd");
  }
  std::string dc;
  auto deadline = steady_clock::now() + seconds(60);
  if (large) {
    while (steady_clock::now() < deadline && dc.empty()) {
      int c1 = 1, c2 = 1;
      run("pm1", "cibadmin -Q -o nodes >/dev/null 2>&1", &c1);
      run("pm2", "cibadmin -Q -o nodes >/dev/null 2>&1", &c2);
      if (c1 == 0 && c2 == 0) dc = "pm1";
      else std::this_thread::sleep_for(milliseconds(200));
    }
    std::this_thread::sleep_for(seconds(2));  // both in one membership
    int c1 = 1, c2 = 1;
    run("pm1", self_path() + " --role master", &c1);
    run("pm2", self_path() + " --role slave", &c2);
    if (c1 != 0 || c2 != 0) return 1;
  } else {
    while (steady_clock::now() < deadline) {
      int c1 = 0, c2 = 0;
      dc = run("pm1", "crmadmin -D -q 2>/dev/null", &c1);
      if (c1 == 0 && !dc.empty() && run("pm2", "crmadmin -D -q 2>/dev/null", &c2) == dc && c2 == 0) break;
      std::this_thread::sleep_for(milliseconds(200));
    }
  }
  if (dc.empty()) return 1;
  std::this_thread::sleep_for(seconds(2));
  std::string other = dc == "pm1" ? "pm2" : "pm1";
  std::string me = self_path();
  auto wait_for = [&](const std::string& node, const std::string& xpath, seconds limit) {
    auto t0 = steady_clock::now();
    while (steady_clock::now() - t0 < limit) {
      int code = 0;
      run(node, "cibadmin -Q -A \"" + xpath + "\" >/dev/null 2>&1", &code);
      if (code == 0) return duration<double, std::milli>(steady_clock::now() - t0).count();
      std::this_thread::sleep_for(milliseconds(5));
    }
    return -1.0;
  };
  auto replicated = [&](const std::string& node, const std::string& tag) {
    return wait_for(node, fmt::format("//nvpair[@id='bench-{}-n' and @value='{}']", tag, updates), seconds(30));
  };
  auto timed_ms = [&](const std::string& node, const std::string& script) {
    auto t0 = steady_clock::now();
    int code = 0;
    run(node, script, &code);
    double ms = duration<double, std::milli>(steady_clock::now() - t0).count();
    return code == 0 ? ms : -1.0;
  };
  auto cibd_rss = [&](const std::string& node) {
    std::string kb = run(node, "awk '/VmRSS/ {print $2}' /proc/$(pidof cib)/status");
    return std::atof(kb.c_str()) / 1024.0;
  };
  if (large) {
    std::string xml = bench::make_large_cib(large_nodes, large_resources);
    (void)(*sb)->write_file(dc, "/tmp/large-cib.xml", xml);
    fmt::print("{} x {} CIB ({:.1f} MB of XML), cibd alone under heartbeatd, master {}\n", large_nodes,
               large_resources, xml.size() / 1e6, dc);
    fmt::print("  replace the whole CIB on the master: {:.0f} ms\n",
               timed_ms(dc, "cibadmin -R -x /tmp/large-cib.xml"));
    fmt::print("    whole CIB in {}'s copy {:.0f} ms after the answer\n", other,
               wait_for(other, fmt::format("//primitive[@id='rsc{}']", large_resources - 1), seconds(120)));
    for (const std::string& node : {dc, other}) {
      std::vector<double> q;
      for (int i = 0; i < 5; ++i) q.push_back(timed_ms(node, "cibadmin -Q >/dev/null"));
      fmt::print("  full query (cibadmin -Q) on {}: {}\n", node, bench::summary(q));
    }
  }
  fmt::print("{} status updates, {} CIB, {} is master\n", updates, large ? "large" : "small", dc);
  fmt::print("  on the master ({}): {}\n", dc, run(dc, fmt::format("{} --client {} m", me, updates)));
  fmt::print("    last one in {}'s copy {:.0f} ms after the last answer (incl. ~7 ms per probe)\n", other,
             replicated(other, "m"));
  fmt::print("  on the other node ({}, forwarded to the master): {}\n", other,
             run(other, fmt::format("{} --client {} o", me, updates)));
  fmt::print("    last one in {}'s copy {:.0f} ms after the last answer\n", dc, replicated(dc, "o"));
  if (large) fmt::print("  cibd RSS: {} {:.1f} MB, {} {:.1f} MB\n", dc, cibd_rss(dc), other, cibd_rss(other));
  return 0;
}
