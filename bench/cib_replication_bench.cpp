// CIB replication benchmark on the sandbox (issue 4): two nodes under heartbeatd (`pacemaker on`).
// 1,000 single-attribute status updates through cibd's IPC, made on the master (the DC's cib:
// applied there, diffs to the other node) and on the other node (forwarded to the master and
// answered after it applied them), each timed; then how long until the last update is in the
// other node's copy.
//
//   cib_replication_bench [UPDATES=1000]          the driver (host, root)
//   cib_replication_bench --client N TAG          inside a node: N updates, prints the latencies
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cibd/cib_client.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"

using namespace pacer;
using namespace std::chrono;

namespace {

int client(int updates, const std::string& tag) {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return 1;
  auto cib = cib::connect_cib(**loop);
  if (!cib) {
    fmt::print(stderr, "{}\n", cib.error_message());
    return 1;
  }
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
    auto reply = (*cib)->perform(r);
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

std::string self_path() {
  std::array<char, 4096> buf{};
  ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  return n > 0 ? std::string(buf.data(), static_cast<std::size_t>(n)) : "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 3 && std::string(argv[1]) == "--client") return client(std::atoi(argv[2]), argv[3]);
  int updates = argc > 1 ? std::atoi(argv[1]) : 1000;
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
  for (std::string n : {"pm1", "pm2"}) {
    (void)(*sb)->write_file(n, "/etc/ha.d/ha.cf",
                            "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\n"
                            "logfacility local1\nbcast eth1\nbcast eth2\nnode pm1\nnode pm2\n");
    (void)(*sb)->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 bench\n");
    run(n, "chmod 600 /etc/ha.d/authkeys && " PACER_LIBEXEC "/heartbeatd");
  }
  std::string dc;
  auto deadline = steady_clock::now() + seconds(60);
  while (steady_clock::now() < deadline) {
    int c1 = 0, c2 = 0;
    dc = run("pm1", "crmadmin -D -q 2>/dev/null", &c1);
    if (c1 == 0 && !dc.empty() && run("pm2", "crmadmin -D -q 2>/dev/null", &c2) == dc && c2 == 0) break;
    std::this_thread::sleep_for(milliseconds(200));
  }
  if (dc.empty()) return 1;
  std::this_thread::sleep_for(seconds(2));
  std::string other = dc == "pm1" ? "pm2" : "pm1";
  std::string me = self_path();
  auto replicated = [&](const std::string& node, const std::string& tag) {
    auto t0 = steady_clock::now();
    std::string xpath = fmt::format("//nvpair[@id='bench-{}-n' and @value='{}']", tag, updates);
    while (steady_clock::now() - t0 < seconds(30)) {
      int code = 0;
      run(node, "cibadmin -Q -A \"" + xpath + "\" >/dev/null 2>&1", &code);
      if (code == 0) return duration<double, std::milli>(steady_clock::now() - t0).count();
      std::this_thread::sleep_for(milliseconds(5));
    }
    return -1.0;
  };
  fmt::print("{} status updates, small CIB, DC (master) is {}\n", updates, dc);
  fmt::print("  on the master ({}): {}\n", dc, run(dc, fmt::format("{} --client {} m", me, updates)));
  fmt::print("    last one in {}'s copy {:.0f} ms after the last answer (incl. ~7 ms per probe)\n", other,
             replicated(other, "m"));
  fmt::print("  on the other node ({}, forwarded to the master): {}\n", other,
             run(other, fmt::format("{} --client {} o", me, updates)));
  fmt::print("    last one in {}'s copy {:.0f} ms after the last answer\n", dc, replicated(dc, "o"));
  return 0;
}
