// Benchmark of the CIB on a 16-node x 1,000-resource CIB with status history (cib_bench_generator.h):
// load time, full query, RSS, and 1,000 single-attribute status updates (throughput, p50, p99),
// for pacer (in-process store, the cibd daemon over IPC, cibadmin with CIB_file) against the
// reference Pacemaker's cibadmin with CIB_file on the same CIB — first upgraded to the reference's
// own schema so that its XSLT upgrade is not counted. Prints each number and the ratio
// pacer/reference. Not run by ctest (timings on shared machines are noisy).
//
// Usage: cib_bench [nodes] [resources] [updates] [reference_samples]   (16 1000 1000 20)
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "bench/cib_bench_generator.h"
#include "cibd/cib_client.h"
#include "cibd/cib_query.h"
#include "cibd/cib_validator.h"
#include "cibd/cib_xml_input.h"
#include "common/child_process.h"

extern char** environ;

namespace {

using namespace pacer;
using Steady = std::chrono::steady_clock;

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

struct RunResult {
  int status = -1;
  double wall_ms = 0;
  long max_rss_kb = 0;
};

// Runs argv with extra environment, stdout/stderr to /dev/null; wall time and peak RSS.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> args, env;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env_strings) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  RunResult result;
  auto start = Steady::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data()) != 0) return result;
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  result.wall_ms = ms_since(start);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.max_rss_kb = usage.ru_maxrss;
  return result;
}

long vm_rss_kb(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

std::string status_update(int i, int nodes) {
  std::string id = bench::node_uuid(i % nodes + 1);
  return fmt::format("<node_state id=\"{0}\"><transient_attributes id=\"{0}\"><instance_attributes "
                     "id=\"status-{0}\"><nvpair id=\"status-{0}-pingd\" name=\"default_ping_set\" "
                     "value=\"{1}\"/></instance_attributes></transient_attributes></node_state>",
                     id, i);
}

struct Stats {
  double p50, p99, per_second;
};
Stats stats(const std::vector<double>& latencies) {
  double total = 0;
  for (double l : latencies) total += l;
  return {percentile(latencies, 0.5), percentile(latencies, 0.99), 1000.0 * latencies.size() / total};
}

}  // namespace

int main(int argc, char** argv) {
  int nodes = argc > 1 ? std::atoi(argv[1]) : 16;
  int resources = argc > 2 ? std::atoi(argv[2]) : 1000;
  int updates = argc > 3 ? std::atoi(argv[3]) : 1000;
  int samples = argc > 4 ? std::atoi(argv[4]) : 20;
  const std::string ref_script = PACER_REF_SCRIPT, ref_dir = PACER_REF_DIR;
  auto dir = std::filesystem::temp_directory_path() / fmt::format("pacer-cib-bench-{}", getpid());
  std::filesystem::create_directories(dir / "state");
  std::string ours_file = (dir / "pacer.xml").string(), ref_file = (dir / "reference.xml").string();

  std::string text = bench::make_large_cib(nodes, resources);
  std::ofstream(ours_file) << text;
  std::ofstream(ref_file) << text;
  fmt::print("CIB: {} nodes x {} resources, {:.1f} MB\n", nodes, resources, text.size() / 1e6);
  RunResult upgraded = run({ref_script, "run", ref_dir, "cibadmin", "--upgrade", "--force"},
                           {"CIB_file=" + ref_file});
  if (upgraded.status != 0) fmt::print("warning: the reference's upgrade exited {}\n", upgraded.status);

  // In-process: parse + validate, and a full query.
  std::vector<double> load, query;
  for (int i = 0; i < 5; ++i) {
    auto start = Steady::now();
    auto doc = cib::parse_cib_xml(text, "bench");
    if (!doc || !cib::check_cib(*doc)) {
      fmt::print("the generated CIB does not load: {}\n", doc ? cib::check_cib(*doc).message() : doc.error_message());
      return 1;
    }
    load.push_back(ms_since(start));
    start = Steady::now();
    auto out = cib::run_query(*doc, cib::CibRequest{});
    query.push_back(ms_since(start));
  }
  fmt::print("pacer store in-process: load+validate {:.1f} ms, full query {:.1f} ms (medians of 5)\n",
             percentile(load, 0.5), percentile(query, 0.5));

  // cibadmin -Q with CIB_file, whole process (load + query + print): pacer vs reference.
  std::vector<double> ours_q, ref_q;
  long ours_rss = 0, ref_rss = 0;
  for (int i = 0; i < 5; ++i) {
    RunResult o = run({PACER_CIBADMIN, "-Q"}, {"CIB_file=" + ours_file});
    RunResult r = run({ref_script, "run", ref_dir, "cibadmin", "-Q"}, {"CIB_file=" + ref_file});
    if (o.status != 0 || r.status != 0) fmt::print("warning: cibadmin -Q exited {} / {}\n", o.status, r.status);
    ours_q.push_back(o.wall_ms);
    ref_q.push_back(r.wall_ms);
    ours_rss = std::max(ours_rss, o.max_rss_kb);
    ref_rss = std::max(ref_rss, r.max_rss_kb);
  }
  double oq = percentile(ours_q, 0.5), rq = percentile(ref_q, 0.5);
  fmt::print("cibadmin -Q (CIB_file): pacer {:.0f} ms, reference {:.0f} ms, ratio {:.2f}\n", oq, rq, oq / rq);
  fmt::print("peak RSS of cibadmin -Q: pacer {:.1f} MB, reference {:.1f} MB, ratio {:.2f}\n", ours_rss / 1024.0,
             ref_rss / 1024.0, static_cast<double>(ours_rss) / static_cast<double>(ref_rss));

  // The daemon: load by whole-CIB replace over IPC, full query over IPC, then status updates.
  SpawnOptions spawn;
  std::string service = fmt::format("pacer-cib-bench-{}", getpid());
  spawn.argv = {PACER_CIBD, "--state-dir", (dir / "state").string(), "--service", service};
  spawn.capture_output = false;
  spawn.parent_death_signal = SIGKILL;
  auto daemon = ChildProcess::spawn(spawn);
  if (!daemon) return 1;
  RealClock clock;
  auto loop = std::move(ipc::EventLoop::create(clock).value());
  std::unique_ptr<cib::CibClient> client;
  for (int i = 0; i < 1000 && !client; ++i) {
    auto c = cib::connect_cib(*loop, {service, "", Millis(60000)});
    if (c) client = std::move(*c);
    else std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!client) return 1;
  cib::CibRequest replace;
  replace.operation = cib::CibOperation::replace;
  replace.data = text;
  auto start = Steady::now();
  auto replaced = client->perform(replace);
  if (!replaced) {
    fmt::print("replace failed: {}\n", replaced.error_message());
    return 1;
  }
  fmt::print("cibd: whole-CIB replace over IPC {:.0f} ms, daemon RSS {:.1f} MB\n", ms_since(start),
             vm_rss_kb(daemon->pid()) / 1024.0);
  std::vector<double> ipc_query;
  for (int i = 0; i < 5; ++i) {
    start = Steady::now();
    auto r = client->perform(cib::CibRequest{});
    ipc_query.push_back(ms_since(start));
    if (!r) return 1;
  }
  fmt::print("cibd: full query over IPC {:.1f} ms (median of 5)\n", percentile(ipc_query, 0.5));
  std::vector<double> latencies;
  for (int i = 0; i < updates; ++i) {
    cib::CibRequest update;
    update.operation = cib::CibOperation::modify;
    update.section = "status";
    update.data = status_update(i, nodes);
    start = Steady::now();
    if (!client->perform(update)) return 1;
    latencies.push_back(ms_since(start));
  }
  Stats daemon_stats = stats(latencies);
  fmt::print("cibd: {} status updates over IPC: {:.0f}/s, p50 {:.3f} ms, p99 {:.3f} ms; daemon RSS {:.1f} MB\n",
             updates, daemon_stats.per_second, daemon_stats.p50, daemon_stats.p99,
             vm_rss_kb(daemon->pid()) / 1024.0);
  client.reset();
  (void)daemon->signal_group(SIGTERM);
  (void)daemon->wait(std::chrono::milliseconds(5000));

  // Startup: cibd loads its persisted configuration (status is rebuilt from live nodes, never
  // read from disk), until it answers its first query.
  start = Steady::now();
  daemon = ChildProcess::spawn(spawn);
  if (!daemon) return 1;
  for (int i = 0; i < 2000 && !client; ++i) {
    auto c = cib::connect_cib(*loop, {service, "", Millis(60000)});
    if (c && (*c)->perform(cib::CibRequest{})) client = std::move(*c);
    else std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  fmt::print("cibd: startup to first answer {:.0f} ms (configuration of {} resources from cib.xml), RSS {:.1f} MB\n",
             ms_since(start), resources, vm_rss_kb(daemon->pid()) / 1024.0);
  client.reset();
  (void)daemon->signal_group(SIGTERM);
  (void)daemon->wait(std::chrono::milliseconds(5000));

  // The same status update with CIB_file (every call loads and writes the whole file): a sample.
  std::vector<double> ours_u, ref_u;
  for (int i = 0; i < samples; ++i) {
    std::string data = status_update(i, nodes);
    ours_u.push_back(run({PACER_CIBADMIN, "-M", "-o", "status", "-X", data}, {"CIB_file=" + ours_file}).wall_ms);
    ref_u.push_back(run({ref_script, "run", ref_dir, "cibadmin", "-M", "-o", "status", "-X", data},
                        {"CIB_file=" + ref_file}).wall_ms);
  }
  Stats o = stats(ours_u), r = stats(ref_u);
  fmt::print("status update with CIB_file ({} samples): pacer p50 {:.0f} ms p99 {:.0f} ms, reference p50 {:.0f} ms "
             "p99 {:.0f} ms, ratio {:.2f}\n", samples, o.p50, o.p99, r.p50, r.p99, o.p50 / r.p50);
  fmt::print("cibd over IPC vs reference CIB_file, per update: ratio {:.4f} (p50), {:.4f} (p99)\n",
             daemon_stats.p50 / r.p50, daemon_stats.p99 / r.p99);
  std::filesystem::remove_all(dir);
  return 0;
}
