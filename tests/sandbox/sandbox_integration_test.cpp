// Integration tests of the sandbox harness itself (label "integration": root, run serially).
// Each test builds its own sandbox and relies on ~Sandbox for teardown, also when a REQUIRE fails.
#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/process_runner.h"
#include "tests/sandbox/sandbox.h"
#include "tests/sandbox/sweeper.h"

using namespace pacer;
using namespace pacer::sandbox;
using namespace std::chrono_literals;

namespace {

const std::string kUdp = PCR_SANDBOX_UDP;

std::unique_ptr<Sandbox> make(SandboxOptions opts = {}) {
  auto sb = Sandbox::create(opts);
  INFO(sb.error_message());
  REQUIRE(sb);
  return std::move(*sb);
}

std::string run_ok(Sandbox& sb, const std::string& host, const std::string& script) {
  auto res = sb.sh(host, script);
  INFO(host << ": " << script << ": " << res.error_message());
  REQUIRE(res);
  INFO(res->describe() << " stderr: " << res->stderr_text);
  REQUIRE(res->succeeded());
  std::string out = res->stdout_text;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Starts `sandbox-udp recv` in each host, lets them bind, runs `send` in `from`, returns the counts.
std::vector<int> broadcast(Sandbox& sb, const std::string& from, const std::vector<std::string>& to, Lan lan,
                           int count, int duration_ms, int interval_us = 1000) {
  std::vector<ChildProcess> receivers;
  for (const auto& host : to) {
    auto child = sb.spawn(host, {kUdp, "recv", "7694", std::to_string(duration_ms), std::to_string(count)});
    REQUIRE(child);
    receivers.push_back(std::move(*child));
  }
  std::this_thread::sleep_for(300ms);  // every receiver has bound its socket
  auto sent = sb.exec(from, {kUdp, "send", lan_broadcast(lan), "7694", std::to_string(count), std::to_string(interval_us)});
  REQUIRE(sent);
  REQUIRE(sent->succeeded());
  std::vector<int> got;
  for (auto& r : receivers) {
    auto st = r.wait(std::chrono::milliseconds(duration_ms + 5000));
    REQUIRE(st);
    REQUIRE(st->succeeded());
    got.push_back(std::atoi(st->stdout_text.c_str()));
  }
  return got;
}

uint64_t pid_ns_of(pid_t pid) {
  struct stat st;
  REQUIRE(stat(("/proc/" + std::to_string(pid) + "/ns/pid").c_str(), &st) == 0);
  return st.st_ino;
}

pid_t init_of(Sandbox& sb, const std::string& host) {
  auto s = sb.status(host);
  REQUIRE(s);
  return s->init_pid;
}

}  // namespace

TEST_CASE("two nodes and a client come up with their own hostnames and interfaces", "[sandbox]") {
  auto t0 = std::chrono::steady_clock::now();
  auto sb = make();
  auto up = std::chrono::steady_clock::now() - t0;
  std::printf("sandbox timing: 2 nodes + client up in %ld ms\n",
              static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(up).count()));
  CHECK(run_ok(*sb, "pm1", "hostname") == "pm1");
  CHECK(run_ok(*sb, "pm2", "hostname") == "pm2");
  CHECK(run_ok(*sb, "client", "hostname") == "client");
  CHECK(run_ok(*sb, "pm1", "ls /sys/class/net | tr '\\n' ' '") == "eth0 eth1 eth2 lo ");
  CHECK(run_ok(*sb, "client", "ls /sys/class/net | tr '\\n' ' '") == "eth0 lo ");
  CHECK(run_ok(*sb, "pm2", "ip -o -4 addr show eth1 | awk '{print $4}'") == "198.18.1.2/24");
  CHECK(run_ok(*sb, "pm1", "ls /dev/sfex /dev/shared /dev/internal /dev/null /dev/watchdog /dev/log | wc -l") == "6");
  // pid 1 is the harness's init; the node's /etc/ha.d is not the host's.
  CHECK(run_ok(*sb, "pm1", "cat /proc/1/comm") == "sandbox-node-in");
  run_ok(*sb, "pm1", "echo pm1-only > /etc/ha.d/sandbox-test-file");
  CHECK(access("/etc/ha.d/sandbox-test-file", F_OK) != 0);
  CHECK(run_ok(*sb, "pm2", "test -e /etc/ha.d/sandbox-test-file && echo yes || echo no") == "no");
}

TEST_CASE("broadcast on eth1 reaches the peer; a cut link stops it; restore brings it back", "[sandbox]") {
  auto sb = make();
  CHECK(broadcast(*sb, "pm1", {"pm2"}, Lan::ic1, 5, 1500) == std::vector<int>{5});
  REQUIRE(sb->cut(Lan::ic1, "pm2"));
  CHECK(run_ok(*sb, "pm2", "cat /sys/class/net/eth1/carrier") == "0");
  CHECK(broadcast(*sb, "pm1", {"pm2"}, Lan::ic1, 5, 700) == std::vector<int>{0});
  // The other interconnect is unaffected.
  CHECK(broadcast(*sb, "pm1", {"pm2"}, Lan::ic2, 5, 1500) == std::vector<int>{5});
  REQUIRE(sb->restore(Lan::ic1, "pm2"));
  CHECK(broadcast(*sb, "pm1", {"pm2"}, Lan::ic1, 5, 1500) == std::vector<int>{5});
  // Cutting the whole LAN.
  REQUIRE(sb->cut(Lan::ic1));
  CHECK(broadcast(*sb, "pm1", {"pm2"}, Lan::ic1, 5, 700) == std::vector<int>{0});
  REQUIRE(sb->restore(Lan::ic1));
}

TEST_CASE("20 % loss on eth1 shows in the drop counters", "[sandbox]") {
  auto sb = make();
  REQUIRE(sb->set_loss({{Lan::ic1, "pm1", "pm2", 20}}));
  auto got = broadcast(*sb, "pm1", {"pm2"}, Lan::ic1, 200, 2500, 2000);
  auto counters = sb->loss_counters();
  REQUIRE(counters);
  REQUIRE(counters->size() == 1);
  std::printf("sandbox loss: received %d of 200, dropped %lu\n", got[0], static_cast<unsigned long>((*counters)[0].packets));
  CHECK((*counters)[0].packets > 0);
  CHECK(got[0] < 200);
  CHECK(got[0] > 100);
  REQUIRE(sb->set_loss({}));
  CHECK(broadcast(*sb, "pm1", {"pm2"}, Lan::ic1, 20, 1500) == std::vector<int>{20});
}

TEST_CASE("power off kills every process of the node; power on keeps its /etc/ha.d", "[sandbox]") {
  auto sb = make();
  run_ok(*sb, "pm1", "echo 'node pm1 pm2' > /etc/ha.d/ha.cf; setsid -f sleep 1000 </dev/null >/dev/null 2>&1");
  pid_t init = init_of(*sb, "pm1");
  uint64_t ns = pid_ns_of(init);
  CHECK(processes_in_pid_ns(ns).size() >= 3);  // init, rsyslogd, sleep
  REQUIRE(sb->power_off("pm1"));
  CHECK(processes_in_pid_ns(ns).empty());
  CHECK(!sb->exec("pm1", {"true"}));
  CHECK(run_ok(*sb, "pm2", "hostname") == "pm2");
  REQUIRE(sb->power_on("pm1"));
  CHECK(init_of(*sb, "pm1") != init);
  CHECK(run_ok(*sb, "pm1", "cat /etc/ha.d/ha.cf") == "node pm1 pm2");
  CHECK(run_ok(*sb, "pm1", "pgrep -x sleep || echo none") == "none");
  CHECK(broadcast(*sb, "pm2", {"pm1"}, Lan::ic1, 5, 1500) == std::vector<int>{5});
}

TEST_CASE("the fake watchdog resets a node that stops feeding it", "[sandbox]") {
  SandboxOptions opts;
  opts.watchdog_timeout = 1000ms;
  auto sb = make(opts);
  // A magic close ('V' last) disarms it: pm2 stays up.
  run_ok(*sb, "pm2", "printf xV > /dev/watchdog");
  run_ok(*sb, "pm1", "touch /run/uptime-marker; echo kept > /var/log/kept");
  pid_t init = init_of(*sb, "pm1");
  int boots = sb->status("pm1")->boots;
  run_ok(*sb, "pm1", "for i in 1 2 3; do printf x; sleep 0.2; done > /dev/watchdog");
  auto after = sb->wait_for_boot("pm1", boots, 6000ms);
  INFO(after.error_message());
  REQUIRE(after);
  CHECK(init_of(*sb, "pm1") != init);
  CHECK(run_ok(*sb, "pm1", "test -e /run/uptime-marker && echo kept || echo gone") == "gone");
  CHECK(run_ok(*sb, "pm1", "cat /var/log/kept") == "kept");
  CHECK(sb->status("pm1")->last_death.find("watchdog") != std::string::npos);
  CHECK(sb->status("pm2")->boots == 1);
}

TEST_CASE("logger -p local1.info lands in that node's /var/log/ha-log only", "[sandbox]") {
  auto sb = make();
  const std::string tag = "sandbox-log-" + std::to_string(getpid());
  run_ok(*sb, "pm1", "logger -p local1.info " + tag);
  std::string pm1;
  for (int i = 0; i < 100 && pm1.find(tag) == std::string::npos; ++i) {
    pm1 = run_ok(*sb, "pm1", "cat /var/log/ha-log 2>/dev/null || true");
    std::this_thread::sleep_for(20ms);
  }
  CHECK(pm1.find(tag) != std::string::npos);
  CHECK(pm1.find(" pm1 ") != std::string::npos);
  CHECK(run_ok(*sb, "pm2", "cat /var/log/ha-log /var/log/messages 2>/dev/null || true").find(tag) == std::string::npos);
  std::ifstream host_log("/var/log/ha-log");
  std::string host_text((std::istreambuf_iterator<char>(host_log)), std::istreambuf_iterator<char>());
  CHECK(host_text.find(tag) == std::string::npos);
  // Another facility does not go to ha-log.
  run_ok(*sb, "pm1", "logger -p daemon.info other-" + tag);
  std::this_thread::sleep_for(200ms);
  CHECK(run_ok(*sb, "pm1", "cat /var/log/ha-log").find("other-" + tag) == std::string::npos);
}

TEST_CASE("sysrq 'b' in a node resets only that node; the shim refuses on the host", "[sandbox]") {
  // The guard, checked in this (host) PID namespace without ever writing to the trigger.
  void* shim = dlopen(PCR_SANDBOX_SHIM_PATH, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(shim);
  auto allowed = reinterpret_cast<int (*)()>(dlsym(shim, "pcr_sysrq_shim_allowed"));
  REQUIRE(allowed);
  CHECK(allowed() == 0);
  auto shim_open = reinterpret_cast<int (*)(const char*, int, ...)>(dlsym(shim, "open"));
  REQUIRE(shim_open);
  int fd = shim_open("/proc/sysrq-trigger", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  char target[64] = {};
  CHECK(readlink(("/proc/self/fd/" + std::to_string(fd)).c_str(), target, sizeof target - 1) > 0);
  CHECK(std::string(target) == "/dev/null");  // on the host the open is harmless
  close(fd);
  dlclose(shim);

  auto sb = make();
  pid_t pm1 = init_of(*sb, "pm1"), pm2 = init_of(*sb, "pm2");
  run_ok(*sb, "pm2", "touch /run/uptime-marker");
  int boots = sb->status("pm2")->boots;
  auto res = sb->sh("pm2", "echo b > /proc/sysrq-trigger; sleep 10", {.timeout = 10000ms});
  REQUIRE(res);
  CHECK(!res->succeeded());  // killed with its node
  REQUIRE(sb->wait_for_boot("pm2", boots, 5000ms));
  CHECK(init_of(*sb, "pm2") != pm2);
  CHECK(init_of(*sb, "pm1") == pm1);
  CHECK(run_ok(*sb, "pm2", "test -e /run/uptime-marker && echo kept || echo gone") == "gone");
  CHECK(sb->status("pm2")->last_death.find("RB_AUTOBOOT") != std::string::npos);
  // 'o' powers the node off and it stays off.
  (void)sb->sh("pm1", "echo o > /proc/sysrq-trigger; sleep 10", {.timeout = 10000ms});
  for (int i = 0; i < 200 && sb->status("pm1")->power != PowerState::off; ++i) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(200ms);
  CHECK(sb->status("pm1")->power == PowerState::off);
}

TEST_CASE("freeze stops a node's processes, thaw resumes them", "[sandbox]") {
  auto sb = make();
  auto ticker = sb->spawn("pm1", {"/bin/sh", "-c", "while :; do date +%s%N > /tmp/tick; sleep 0.02; done"});
  REQUIRE(ticker);
  std::this_thread::sleep_for(200ms);
  auto tick = [&] { return run_ok(*sb, "pm1", "cat /tmp/tick"); };
  REQUIRE(sb->freeze("pm1"));
  CHECK(sb->status("pm1")->power == PowerState::frozen);
  std::string a = tick();
  std::this_thread::sleep_for(200ms);
  CHECK(tick() == a);
  REQUIRE(sb->thaw("pm1"));
  std::this_thread::sleep_for(200ms);
  CHECK(tick() != a);
}

TEST_CASE("a failed disk makes I/O fail; restore brings the data back", "[sandbox]") {
  auto sb = make();
  run_ok(*sb, "pm1", "mkdir -p /mnt/shared && mount /dev/shared /mnt/shared && echo data > /mnt/shared/f && sync");
  REQUIRE(sb->disk_fail("shared"));
  CHECK(run_ok(*sb, "pm1", "blockdev --getsize64 /dev/shared") == "0");
  CHECK(!sb->sh("pm1", "dd if=/dev/shared of=/dev/null bs=4096 count=1 iflag=direct 2>&1 | grep -q '^1+0 records in'")->succeeded());
  CHECK(!sb->sh("pm1", "echo more > /mnt/shared/g && sync -f /mnt/shared/g")->succeeded());
  run_ok(*sb, "pm1", "umount /mnt/shared || umount -l /mnt/shared");
  REQUIRE(sb->disk_restore("shared"));
  CHECK(run_ok(*sb, "pm2", "mkdir -p /mnt/shared && mount -o ro /dev/shared /mnt/shared && cat /mnt/shared/f") == "data");
}

TEST_CASE("teardown leaves no namespace, mount, loop device, cgroup or directory with the prefix", "[sandbox]") {
  RealProcessRunner runner;
  std::string prefix;
  std::vector<uint64_t> namespaces;
  {
    auto sb = make();
    prefix = sb->prefix();
    for (const auto& h : sb->host_names()) namespaces.push_back(pid_ns_of(init_of(*sb, h)));
    CHECK(!leftovers(runner, prefix, "/tmp").empty());
    run_ok(*sb, "pm1", "mkdir -p /mnt/shared && mount /dev/shared /mnt/shared");
  }
  auto left = leftovers(runner, prefix, "/tmp");
  INFO(left.size() << " leftovers, first: " << (left.empty() ? "" : left[0]));
  CHECK(left.empty());
  for (uint64_t ns : namespaces) CHECK(processes_in_pid_ns(ns).empty());
}

TEST_CASE("16 nodes come up and all hear a broadcast from pm1", "[sandbox]") {
  SandboxOptions opts;
  opts.nodes = 16;
  auto t0 = std::chrono::steady_clock::now();
  auto sb = make(opts);
  auto t1 = std::chrono::steady_clock::now();
  std::vector<std::string> others;
  for (int i = 2; i <= 16; ++i) others.push_back("pm" + std::to_string(i));
  auto got = broadcast(*sb, "pm1", others, Lan::ic1, 3, 3000, 20000);
  for (size_t i = 0; i < got.size(); ++i) {
    INFO(others[i]);
    CHECK(got[i] == 3);
  }
  auto t2 = std::chrono::steady_clock::now();
  sb.reset();
  auto t3 = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); };
  std::printf("sandbox timing: 16 nodes + client up in %ld ms, teardown %ld ms\n", ms(t1 - t0), ms(t3 - t2));
}

TEST_CASE("a staged install overlays /usr; orphans' deaths are recorded by the node's init", "[sandbox]") {
  char tmpl[] = "/tmp/pcrsbx-stage-XXXXXX";  // not a run prefix (no pid): the sweeper never touches it
  REQUIRE(mkdtemp(tmpl));
  std::string stage = tmpl;
  std::filesystem::create_directories(stage + "/usr/sbin");
  {
    std::ofstream tool(stage + "/usr/sbin/crm_resource");
    tool << "#!/bin/sh\necho pacer-staged-crm_resource \"$@\"\n";
  }
  std::filesystem::permissions(stage + "/usr/sbin/crm_resource", std::filesystem::perms::owner_all);
  {
    SandboxOptions opts;
    opts.stage_dir = stage;
    auto sb = make(opts);
    CHECK(run_ok(*sb, "pm1", "/usr/sbin/crm_resource --list") == "pacer-staged-crm_resource --list");
    CHECK(run_ok(*sb, "pm1", "test -x /usr/bin/env && echo host-usr-visible") == "host-usr-visible");
    CHECK(access("/usr/sbin/crm_resource", F_OK) != 0);  // not on the host
    run_ok(*sb, "pm1", "setsid -f sh -c 'exit 3' </dev/null >/dev/null 2>&1");
    std::string log;
    for (int i = 0; i < 100 && log.find("exited=3") == std::string::npos; ++i) {
      std::this_thread::sleep_for(10ms);
      log = run_ok(*sb, "pm1", "cat /run/sandbox-init.log 2>/dev/null || true");
    }
    CHECK(log.find("name=sh exited=3") != std::string::npos);
  }
  std::filesystem::remove_all(stage);
}

TEST_CASE("nodes die with their supervisor; the watcher sweeps what a killed run left", "[sandbox]") {
  const std::string cli = PCR_SANDBOX_CLI;
  const std::string name = "itest-" + std::to_string(getpid());
  RealProcessRunner runner;
  SpawnOptions up;
  up.argv = {cli, "--name", name, "up", "--nodes", "2"};
  auto res = runner.run(up, 20000ms);
  REQUIRE(res);
  INFO(res->stdout_text << res->stderr_text);
  REQUIRE(res->succeeded());
  pid_t supervisor = 0;
  std::ifstream("/run/pacer-sandbox/" + name + "/supervisor.pid") >> supervisor;
  REQUIRE(supervisor > 0);
  // The init pids from `status`.
  SpawnOptions status;
  status.argv = {cli, "--name", name, "status"};
  auto st = runner.run(status, 5000ms);
  REQUIRE(st);
  REQUIRE(st->succeeded());
  std::vector<uint64_t> namespaces;
  std::istringstream lines(st->stdout_text);
  std::string line;
  std::string prefix;
  while (std::getline(lines, line)) {
    auto at = line.find("init=");
    if (at != std::string::npos) namespaces.push_back(pid_ns_of(std::atoi(line.c_str() + at + 5)));
    auto p = line.find("prefix ");
    if (p != std::string::npos) prefix = line.substr(p + 7, line.find(' ', p + 7) - p - 7);
  }
  REQUIRE(namespaces.size() == 3);
  REQUIRE(!prefix.empty());
  REQUIRE(kill(supervisor, SIGKILL) == 0);
  for (int i = 0; i < 200; ++i) {
    bool any = false;
    for (uint64_t ns : namespaces) any = any || !processes_in_pid_ns(ns).empty();
    if (!any) break;
    std::this_thread::sleep_for(10ms);
  }
  for (uint64_t ns : namespaces) CHECK(processes_in_pid_ns(ns).empty());
  // Orphaned processes of the host's init may linger as zombies for a while: wait until it is gone.
  for (int i = 0; i < 500; ++i) {
    std::ifstream stat("/proc/" + std::to_string(supervisor) + "/stat");
    std::string s;
    if (!std::getline(stat, s) || s.substr(s.rfind(')') + 2, 1) == "Z") break;
    std::this_thread::sleep_for(10ms);
  }
  // The watcher the sandbox started (sandbox-sweeper) removes the rest once the supervisor is gone.
  std::vector<std::string> left;
  for (int i = 0; i < 300; ++i) {
    left = leftovers(runner, prefix, "/tmp");
    if (left.empty()) break;
    std::this_thread::sleep_for(20ms);
  }
  INFO(left.size() << " leftovers, first: " << (left.empty() ? "" : left[0]));
  CHECK(left.empty());
  SpawnOptions sweep;
  sweep.argv = {cli, "--name", name, "sweep"};
  auto swept = runner.run(sweep, 20000ms);
  REQUIRE(swept);
  INFO(swept->stdout_text << swept->stderr_text);
  CHECK(swept->succeeded());
  CHECK(!std::filesystem::exists("/run/pacer-sandbox/" + name));
}
