// Benchmark: what lrmd adds to running an agent. For a trivial agent (`exit 0`), the time from the
// client's request to the result reaching the client, against a bare fork/exec/wait of the same
// agent (ChildProcess, as lrmd itself uses) in the same run, alternating so that noise hits both.
// lrmd is measured twice: as installed (the agent exec'd through /bin/sh to put its pid into
// HA_LOGTAG) and with --no-logtag-pid. Also lrmd's RSS idle and with 1,000 resources (each with a
// recorded result). Target: median overhead <= 2 ms; exits 1 if the default configuration misses it.
//
// Usage: lrmd_op_overhead [rounds]   (default 1000; needs root, starts its own lrmd)
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bench/lrmd_bench_support.h"
#include "common/child_process.h"
#include "common/ipc/event_loop.h"
#include "lrmd/lrmd_client.h"

namespace {

using namespace pacer;
using namespace pacer::lrmd;
using namespace std::chrono_literals;
using Seconds = std::chrono::duration<double>;

constexpr double kTargetMs = 2.0;

struct Run {
  double bare_ms = 0, lrmd_ms = 0;
  long rss_idle = 0, rss_1000 = 0;
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Result<Run> measure(const std::string& ocf_root, const std::string& agent, int rounds, bool wrapper) {
  std::string service = "pacer-lrmd-bench-" + std::to_string(::getpid()) + (wrapper ? "-w" : "-n");
  SpawnOptions daemon;
  daemon.argv = {PCR_LRMD_BINARY, "--service", service, "--ocf-root", ocf_root};
  if (!wrapper) daemon.argv.push_back("--no-logtag-pid");
  daemon.capture_output = false;
  daemon.parent_death_signal = SIGKILL;
  auto lrmd = ChildProcess::spawn(daemon);
  if (!lrmd) return lrmd.status();

  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return loop.status();
  std::unique_ptr<LrmdClient> client;
  for (int i = 0; i < 100 && !client; ++i) {
    auto c = LrmdClient::connect(**loop, service);
    if (c) client = std::move(c).value();
    else
      std::this_thread::sleep_for(20ms);
  }
  if (!client) return Status::error("lrmd did not come up");
  Run run;
  std::this_thread::sleep_for(200ms);
  run.rss_idle = bench::rss_kib(lrmd->pid());
  if (Status s = client->register_resource({"bench0", "ocf", "bench", "Trivial", {}}); !s) return s;

  std::vector<double> bare, via_lrmd;
  SpawnOptions direct;
  direct.argv = {agent, "monitor"};
  direct.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "OCF_ROOT=" + ocf_root};
  for (int i = 0; i < rounds + 20; ++i) {  // the first 20 of each warm up
    auto t0 = std::chrono::steady_clock::now();
    auto exit = run_process(direct, 5000ms);
    double b = ms_since(t0);
    if (!exit || !exit->succeeded()) return Status::error("bare run failed");
    t0 = std::chrono::steady_clock::now();
    auto call = client->perform({.rsc_id = "bench0", .operation = "monitor", .timeout = 5000ms});
    if (!call) return call.status();
    auto result = client->wait_for_result(*call, 10000ms);
    double l = ms_since(t0);
    if (!result || result->rc != 0) return Status::error("lrmd run failed");
    if (i >= 20) {
      bare.push_back(b);
      via_lrmd.push_back(l);
    }
  }
  run.bare_ms = bench::percentile(bare, 50);
  run.lrmd_ms = bench::percentile(via_lrmd, 50);
  std::printf("  %-26s bare fork/exec p50 %.2f ms p90 %.2f | via lrmd p50 %.2f ms p90 %.2f | "
              "overhead p50 %.2f ms\n",
              wrapper ? "lrmd (logtag wrapper)" : "lrmd --no-logtag-pid", run.bare_ms,
              bench::percentile(bare, 90), run.lrmd_ms, bench::percentile(via_lrmd, 90),
              run.lrmd_ms - run.bare_ms);

  if (wrapper) {
    std::vector<int> calls;
    for (int i = 1; i <= 1000; ++i) {
      std::string id = "bench" + std::to_string(i);
      if (Status s = client->register_resource({id, "ocf", "bench", "Trivial", {}}); !s) return s;
      auto call = client->perform({.rsc_id = id, .operation = "monitor", .timeout = 5000ms});
      if (!call) return call.status();
      calls.push_back(*call);
    }
    for (int call : calls)
      if (auto r = client->wait_for_result(call, 30000ms); !r) return r.status();
    run.rss_1000 = bench::rss_kib(lrmd->pid());
  }
  client.reset();
  (void)lrmd->signal_group(SIGTERM);
  (void)lrmd->wait(5000ms);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 1000;
  if (::geteuid() != 0) {
    std::fprintf(stderr, "lrmd_op_overhead: lrmd needs root\n");
    return 2;
  }
  char tmpl[] = "/tmp/lrmd-bench-XXXXXX";
  if (!::mkdtemp(tmpl)) return 2;
  std::string root = tmpl;
  std::filesystem::create_directories(root + "/resource.d/bench");
  std::string agent = root + "/resource.d/bench/Trivial";
  std::ofstream(agent) << "#!/bin/sh\nexit 0\n";
  ::chmod(agent.c_str(), 0755);

  std::printf("lrmd operation overhead, trivial agent, %d rounds each\n", rounds);
  auto with_wrapper = measure(root, agent, rounds, true);
  auto without = measure(root, agent, rounds, false);
  std::filesystem::remove_all(root);
  if (!with_wrapper || !without) {
    std::fprintf(stderr, "%s%s\n", with_wrapper.error_message().c_str(), without.error_message().c_str());
    return 2;
  }
  std::printf("  lrmd RSS idle %ld KiB, with 1,000 resources (each with a result) %ld KiB\n",
              with_wrapper->rss_idle, with_wrapper->rss_1000);
  double overhead = with_wrapper->lrmd_ms - with_wrapper->bare_ms;
  std::printf("%s: median overhead %.2f ms (target <= %.1f ms)\n",
              overhead <= kTargetMs ? "PASS" : "FAIL", overhead, kTargetMs);
  return overhead <= kTargetMs ? 0 : 1;
}
