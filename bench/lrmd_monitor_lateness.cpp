// Benchmark / scale test: N Dummy resources (default 1,000) with recurring monitors (default every
// 10 s) on one lrmd for a while (default 120 s). The resources come up the way crmd's transition
// engine brings them up: a start, then its monitor as soon as the start returns, with at most
// --batch-limit actions in flight (Pacemaker 1.0's batch-limit, default 30; a recurring monitor
// counts until its first result confirms it). Every monitor result is requested (EVERYTIME) so
// that the lateness of every run is seen: lrmd's queue_time = exec start - due time. Prints the
// lateness percentiles of timer-driven runs (and of first runs separately), lrmd's CPU use and RSS.
// Exits 1 if the p99 lateness of timer-driven runs exceeds --max-p99-ms (default 100).
//
// Usage: lrmd_monitor_lateness --lrmd-pid PID [--service NAME] [--resources N] [--interval-ms MS]
//          [--duration-s S] [--max-children N] [--batch-limit N] [--provider P --type T]
//          [--max-p99-ms MS]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "bench/lrmd_bench_support.h"
#include "common/ipc/event_loop.h"
#include "lrmd/lrmd_client.h"

namespace {

using namespace pacer;
using namespace pacer::lrmd;
using namespace std::chrono_literals;

struct Args {
  std::string service = "pacer-lrmd";
  int resources = 1000;
  long interval_ms = 10000;
  long duration_s = 120;
  int max_children = 0;  // 0: leave lrmd's
  int batch_limit = 30;
  std::string provider = "heartbeat";
  std::string type = "Dummy";
  pid_t lrmd_pid = 0;
  double max_p99_ms = 100;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--service") a.service = v;
    else if (k == "--resources") a.resources = std::atoi(v.c_str());
    else if (k == "--interval-ms") a.interval_ms = std::atol(v.c_str());
    else if (k == "--duration-s") a.duration_s = std::atol(v.c_str());
    else if (k == "--max-children") a.max_children = std::atoi(v.c_str());
    else if (k == "--batch-limit") a.batch_limit = std::max(1, std::atoi(v.c_str()));
    else if (k == "--provider") a.provider = v;
    else if (k == "--type") a.type = v;
    else if (k == "--lrmd-pid") a.lrmd_pid = std::atoi(v.c_str());
    else if (k == "--max-p99-ms") a.max_p99_ms = std::atof(v.c_str());
  }
  return a;
}

void print_stats(const char* name, const std::vector<double>& v) {
  std::printf("%s n=%zu p50=%.0f p90=%.0f p99=%.0f max=%.0f\n", name, v.size(),
              bench::percentile(v, 50), bench::percentile(v, 90), bench::percentile(v, 99),
              bench::percentile(v, 100));
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse(argc, argv);
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return 2;
  auto connected = LrmdClient::connect(**loop, args.service);
  if (!connected) {
    std::fprintf(stderr, "%s\n", connected.error_message().c_str());
    return 2;
  }
  LrmdClient& client = **connected;
  if (args.max_children > 0 && !client.set_param("max-children", std::to_string(args.max_children)))
    return 2;
  long rss_idle = args.lrmd_pid ? bench::rss_kib(args.lrmd_pid) : 0;

  std::map<int, std::string> start_calls;  // call id -> resource
  std::map<int, bool> monitor_calls;
  std::map<int, int> runs_seen;
  std::vector<double> first_lateness, lateness;
  int started = 0, confirmed = 0, failures = 0, in_flight = 0;
  bool measuring = false;
  client.on_result([&](const OperationResult& r) {
    if (auto it = start_calls.find(r.call_id); it != start_calls.end()) {
      if (r.rc != 0 || r.op_status != OpStatus::done) ++failures;
      ++started;
      OperationRequest monitor{.rsc_id = it->second, .operation = "monitor",
                               .interval = Millis(args.interval_ms), .timeout = Millis(20000),
                               .report_every_time = true};
      auto call = client.perform(monitor);
      if (call) monitor_calls[*call] = true;
      start_calls.erase(it);
      return;
    }
    if (!monitor_calls.contains(r.call_id)) return;
    if (r.rc != 0 || r.op_status != OpStatus::done) ++failures;
    int n = runs_seen[r.call_id]++;
    if (n == 0) {
      --in_flight;  // the first result confirms the recurring action
      ++confirmed;
    }
    // First runs (during the bring-up, queued behind starts) apart from the timer-driven ones.
    if (n == 0) first_lateness.push_back(static_cast<double>(r.queue_time.count()));
    else if (measuring) lateness.push_back(static_cast<double>(r.queue_time.count()));
  });

  auto t0 = clock.monotonic();
  for (int i = 0; i < args.resources; ++i) {
    while (in_flight >= args.batch_limit && clock.monotonic() - t0 < 300s)
      (void)(*loop)->run_once(100ms);
    std::string id = "prmBench" + std::to_string(i);
    if (!client.register_resource({id, "ocf", args.provider, args.type, {}})) return 2;
    auto call = client.perform({.rsc_id = id, .operation = "start", .timeout = Millis(20000)});
    if (!call) return 2;
    start_calls[*call] = id;
    ++in_flight;
    (void)(*loop)->run_once(0ms);
  }
  while (confirmed < args.resources && clock.monotonic() - t0 < 300s)
    (void)(*loop)->run_once(100ms);
  auto setup = std::chrono::duration_cast<Millis>(clock.monotonic() - t0);
  std::printf("resources=%d started and monitored in %lld ms (batch-limit %d, failures %d)\n",
              args.resources, static_cast<long long>(setup.count()), args.batch_limit, failures);

  measuring = true;
  auto cpu0 = args.lrmd_pid ? bench::cpu_times(args.lrmd_pid) : bench::CpuTimes{};
  auto m0 = clock.monotonic();
  auto until = m0 + std::chrono::seconds(args.duration_s);
  while (clock.monotonic() < until) (void)(*loop)->run_once(100ms);
  double elapsed = std::chrono::duration<double>(clock.monotonic() - m0).count();
  auto cpu1 = args.lrmd_pid ? bench::cpu_times(args.lrmd_pid) : bench::CpuTimes{};
  long rss_loaded = args.lrmd_pid ? bench::rss_kib(args.lrmd_pid) : 0;

  std::printf("interval_ms=%ld duration_s=%.1f monitor_failures=%d\n", args.interval_ms, elapsed,
              failures);
  print_stats("lateness_ms(timer-driven runs)", lateness);
  print_stats("lateness_ms(first runs)", first_lateness);
  double self = cpu1.self_s - cpu0.self_s, agents = cpu1.children_s - cpu0.children_s;
  std::printf("lrmd_cpu_s=%.2f lrmd_cpu_pct=%.1f agents_cpu_s=%.1f agents_cpu_pct=%.1f\n", self,
              100 * self / elapsed, agents, 100 * agents / elapsed);
  std::printf("rss_idle_kib=%ld rss_loaded_kib=%ld\n", rss_idle, rss_loaded);
  for (int i = 0; i < args.resources; ++i) (void)client.flush("prmBench" + std::to_string(i));
  double p99 = bench::percentile(lateness, 99);
  bool ok = !lateness.empty() && p99 <= args.max_p99_ms && failures == 0;
  std::printf("%s: p99 lateness %.0f ms (limit %.0f ms)\n", ok ? "PASS" : "FAIL", p99, args.max_p99_ms);
  return ok ? 0 : 1;
}
