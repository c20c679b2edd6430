// heartbeat_bench: heartbeatd's benchmarks on the sandbox cluster (issue 3). Run as root, after
// the staged install (scripts/bench.sh prepares it).
//
//   heartbeat_bench detection [RUNS]           power off pm2 RUNS times (default 50): how long pm1
//                                              takes to see it dead, against deadtime + keepalive
//   heartbeat_bench false-deaths SECONDS       both cores loaded by busy loops: nodes wrongly
//                                              declared dead (target 0)
//   heartbeat_bench messaging                  5 MB message time, small-message round trip and
//                                              throughput, pm1 -> pm2
//   heartbeat_bench footprint NODES [IDLE_S]   idle CPU and PSS of every process: pacer's heartbeatd
//                                              against Heartbeat 3.0.6 (Debian's, unpacked privately)
//                                              on the same ha.cf, same run, realtime off
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "tests/sandbox/sandbox.h"

using namespace pacer;
using namespace pacer::sandbox;
using namespace std::chrono;

namespace {

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "heartbeat_bench: %s\n", why.c_str());
  std::exit(1);
}

struct Flavor {
  std::string name;        // "pacer" or "heartbeat-3.0.6"
  std::string stage;       // overlaid on the nodes' /usr
  std::string start;       // command that starts the daemon in a node
  std::string title;       // process title prefix of all its processes
  bool pacemaker = true;   // `pacemaker on` (ccm etc.) in ha.cf
};

Flavor pacer_flavor() { return {"pacer", PACER_HB_STAGE, "/usr/libexec/pacer/heartbeatd", "heartbeatd:", true}; }

class Cluster {
 public:
  Cluster(int nodes, Flavor flavor, bool realtime = true) : flavor_(std::move(flavor)), nodes_(nodes) {
    SandboxOptions o;
    o.nodes = nodes;
    o.client = false;
    o.stage_dir = flavor_.stage;
    o.shared_disk = false;
    o.internal_disks = false;
    auto sb = Sandbox::create(o);
    if (!sb) die(sb.error_message());
    sb_ = std::move(*sb);
    std::string cf = std::string(flavor_.pacemaker ? "pacemaker on\n" : "") +
                     "keepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\nlogfacility local1\n"
                     "bcast eth1\nbcast eth2\n" + (realtime ? "" : "realtime off\n");
    for (int i = 1; i <= nodes; ++i) cf += "node pm" + std::to_string(i) + "\n";
    for (int i = 1; i <= nodes; ++i) {
      std::string n = "pm" + std::to_string(i);
      (void)sb_->write_file(n, "/etc/ha.d/ha.cf", cf);
      (void)sb_->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 bench\n");
      // Heartbeat without pacemaker wants a (v1) haresources file, even an empty one.
      run(n, "chmod 600 /etc/ha.d/authkeys; touch /etc/ha.d/haresources; mkdir -p /var/lib/heartbeat /var/run/heartbeat; "
             "chown hacluster:haclient /var/lib/heartbeat /var/run/heartbeat");
      start(n);
    }
  }
  Sandbox& sb() { return *sb_; }
  void start(const std::string& node) { run(node, flavor_.start); }
  std::string run(const std::string& node, const std::string& script, milliseconds timeout = seconds(300)) {
    auto r = sb_->sh(node, script, {.timeout = timeout});
    if (!r || !r->succeeded())
      die(node + ": " + script + ": " + (r ? r->describe() + " " + r->stderr_text : r.error_message()));
    std::string out = r->stdout_text;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }
  bool all_active(const std::string& on) {
    for (int i = 1; i <= nodes_; ++i) {
      auto r = sb_->sh(on, "cl_status nodestatus pm" + std::to_string(i));
      if (!r || r->stdout_text != "active\n") return false;
    }
    return true;
  }
  void wait_all_active(const std::string& on, seconds timeout = seconds(30)) {
    auto end = steady_clock::now() + timeout;
    while (!all_active(on))
      if (steady_clock::now() > end) die("cluster did not come up"); else std::this_thread::sleep_for(milliseconds(100));
  }

 private:
  Flavor flavor_;
  int nodes_;
  std::unique_ptr<Sandbox> sb_;
};

long long wall_ns() { return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count(); }

int detection(int runs) {
  Cluster c(2, pacer_flavor());
  c.wait_all_active("pm1");
  std::vector<double> latencies;
  for (int i = 0; i < runs; ++i) {
    auto watcher = c.sb().spawn("pm1", {"hb-test-tool", "watch", "pm2", "dead", "10000"});
    if (!watcher) die(watcher.error_message());
    std::this_thread::sleep_for(milliseconds(300));  // signed on and listening
    long long off_at = wall_ns();
    if (auto s = c.sb().power_off("pm2"); !s) die(s.message());
    auto out = watcher->wait(seconds(15));
    if (!out || !out->succeeded()) die("watcher failed: " + (out ? out->stderr_text : out.error_message()));
    std::string text = out->stdout_text;  // "ready\n<ns>\n"
    text = text.substr(text.find('\n') + 1);
    double ms = (std::stoll(text) - off_at) / 1e6;
    latencies.push_back(ms);
    std::printf("run %2d: pm2 dead after %.1f ms\n", i + 1, ms);
    if (auto s = c.sb().power_on("pm2"); !s) die(s.message());
    c.start("pm2");
    c.wait_all_active("pm1");
    c.wait_all_active("pm2");
  }
  std::sort(latencies.begin(), latencies.end());
  double median = latencies[latencies.size() / 2], max = latencies.back();
  std::printf("detection over %d power-offs (keepalive 200 ms, deadtime 1000 ms): median %.1f ms, "
              "p90 %.1f ms, max %.1f ms; target <= 1200 ms: %s\n",
              runs, median, latencies[latencies.size() * 9 / 10], max, max <= 1200 ? "met" : "MISSED");
  return max <= 1200 ? 0 : 1;
}

int false_deaths(int seconds_to_run) {
  Cluster c(2, pacer_flavor());
  c.wait_all_active("pm1");
  std::vector<ChildProcess> hogs;
  for (int i = 0; i < 2; ++i) {
    auto hog = ChildProcess::spawn({.argv = {"sh", "-c", "while :; do :; done"}, .capture_output = false});
    if (!hog) die(hog.error_message());
    hogs.push_back(std::move(*hog));
  }
  std::this_thread::sleep_for(seconds(seconds_to_run));
  hogs.clear();
  int deaths = 0;
  for (std::string n : {"pm1", "pm2"}) {
    std::string count = c.run(n, "grep -c 'is dead' /var/log/ha-log || true");
    deaths += std::atoi(count.c_str());
  }
  std::string late = c.run("pm1", "grep -c 'Late heartbeat' /var/log/ha-log || true");
  std::printf("false deaths over %d s with both cores busy: %d (target 0); late heartbeats on pm1: %s\n",
              seconds_to_run, deaths, late.c_str());
  return deaths == 0 ? 0 : 1;
}

int messaging() {
  Cluster c(2, pacer_flavor());
  c.wait_all_active("pm1");
  auto big = c.sb().spawn("pm2", {"hb-test-tool", "recv-big", "60000"});
  std::this_thread::sleep_for(milliseconds(400));
  long long start = wall_ns();
  std::string sent = c.run("pm1", "hb-test-tool send-big pm2 5242880");
  auto got = big->wait(seconds(90));
  long long end = wall_ns();
  std::printf("5 MB message pm1 -> pm2: %s; delivered whole after %.0f ms (target < 1000 ms incl. "
              "tool start-up)\n", got ? got->stdout_text.substr(0, got->stdout_text.size() - 1).c_str() : "?",
              (end - start) / 1e6);
  auto echo = c.sb().spawn("pm2", {"hb-test-tool", "echo", "30000"});
  std::this_thread::sleep_for(milliseconds(400));
  std::printf("small-message round trip (1,000 pings): %s\n", c.run("pm1", "hb-test-tool ping pm2 1000").c_str());
  echo->signal_group(SIGTERM);
  auto recv = c.sb().spawn("pm2", {"hb-test-tool", "recv", "10000", "60000"});
  std::this_thread::sleep_for(milliseconds(400));
  start = wall_ns();
  c.run("pm1", "hb-test-tool send pm2 10000");
  auto r = recv->wait(seconds(90));
  double secs = (wall_ns() - start) / 1e9;
  std::printf("throughput: 10,000 small messages in %.2f s = %.0f messages/s (%s)\n", secs, 10000 / secs,
              r ? r->stdout_text.substr(0, r->stdout_text.size() - 1).c_str() : "?");
  return 0;
}

struct Footprint {
  double pss_kb = 0;
  double cpu_percent = 0;
  int processes = 0;
};

Footprint measure(Cluster& c, const std::string& node, const std::string& title, int idle_s) {
  // PSS from smaps_rollup and CPU ticks from stat, for every process whose title starts with `title`
  // or that the daemon started (ccm etc. run under their own names; pacer counts them).
  std::string pids = "for p in $(pgrep -f '^" + title + "'); do echo $p; done";
  auto ticks = [&] {
    return c.run(node, pids + " | while read p; do awk '{print $14+$15}' /proc/$p/stat; done | awk '{s+=$1} END {print s+0}'");
  };
  long long t0 = std::stoll(ticks());
  std::this_thread::sleep_for(seconds(idle_s));
  long long t1 = std::stoll(ticks());
  Footprint f;
  f.cpu_percent = 100.0 * (t1 - t0) / sysconf(_SC_CLK_TCK) / idle_s;
  f.pss_kb = std::stod(c.run(node, pids + " | while read p; do awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup; done | awk '{s+=$1} END {print s+0}'"));
  f.processes = std::stoi(c.run(node, pids + " | wc -l"));
  std::printf("    per process on %s:\n%s\n", node.c_str(),
              c.run(node, pids + " | while read p; do printf '      %-45s %6s kB PSS\\n' \"$(tr '\\0' ' ' < /proc/$p/cmdline | sed 's/ *$//')\" \"$(awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup)\"; done").c_str());
  return f;
}

int footprint(int nodes, int idle_s) {
  std::string ref = std::string(PACER_REF_HB_DIR);
  auto fetch = run_process({.argv = {PACER_SOURCE_DIR "/scripts/reference-heartbeat.sh", "fetch", ref}});
  if (!fetch || !fetch->succeeded()) die("cannot fetch the reference Heartbeat");
  std::vector<Flavor> flavors = {
      {"pacer heartbeatd", PACER_HB_STAGE, "/usr/libexec/pacer/heartbeatd", "heartbeatd:", false},
      {"Heartbeat 3.0.6", ref + "/root", "/usr/libexec/heartbeat/heartbeat", "heartbeat:", false},
  };
  std::map<std::string, Footprint> results;
  for (const auto& f : flavors) {
    std::printf("%s, %d nodes, realtime off, messaging only (no pacemaker), idle %d s:\n", f.name.c_str(), nodes, idle_s);
    Cluster c(nodes, f, /*realtime=*/false);
    c.wait_all_active("pm1", seconds(60));
    results[f.name] = measure(c, "pm1", f.title, idle_s);
    std::printf("  total: %d processes, %.1f MB PSS, %.2f %% of one CPU\n", results[f.name].processes,
                results[f.name].pss_kb / 1024, results[f.name].cpu_percent);
  }
  const auto& p = results["pacer heartbeatd"];
  const auto& h = results["Heartbeat 3.0.6"];
  std::printf("ratio pacer / Heartbeat 3.0.6 on %d nodes: PSS %.2f, CPU %.2f\n", nodes,
              p.pss_kb / std::max(h.pss_kb, 1.0), p.cpu_percent / std::max(h.cpu_percent, 0.01));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) die("usage: heartbeat_bench detection [RUNS] | false-deaths SECONDS | messaging | footprint NODES [IDLE_S]");
  if (args[0] == "detection") return detection(args.size() > 1 ? std::stoi(args[1]) : 50);
  if (args[0] == "false-deaths" && args.size() > 1) return false_deaths(std::stoi(args[1]));
  if (args[0] == "messaging") return messaging();
  if (args[0] == "footprint" && args.size() > 1) return footprint(std::stoi(args[1]), args.size() > 2 ? std::stoi(args[2]) : 60);
  die("unknown benchmark " + args[0]);
}
