// Sandbox: building, operating and tearing down the whole one-machine cluster.
#include "tests/sandbox/sandbox.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "tests/sandbox/command.h"
#include "tests/sandbox/names.h"
#include "tests/sandbox/sweeper.h"

#ifndef PCR_SANDBOX_NODE_INIT
#define PCR_SANDBOX_NODE_INIT "sandbox-node-init"
#endif
#ifndef PCR_SANDBOX_SHIM
#define PCR_SANDBOX_SHIM ""
#endif
#ifndef PCR_SANDBOX_BUILD_DIR
#define PCR_SANDBOX_BUILD_DIR ""
#endif
#ifndef PCR_SANDBOX_SWEEPER
#define PCR_SANDBOX_SWEEPER ""
#endif

namespace pacer::sandbox {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr uint64_t kMiB = 1024 * 1024;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string describe_death(int status) {
  if (WIFEXITED(status)) return fmt::format("init exited {}", WEXITSTATUS(status));
  int sig = WTERMSIG(status);
  if (sig == SIGHUP) return "reboot(2) RB_AUTOBOOT in the node";
  if (sig == SIGINT) return "reboot(2) RB_POWER_OFF in the node";
  return fmt::format("init killed by signal {} ({})", sig, strsignal(sig));
}

}  // namespace

Sandbox::Sandbox(SandboxOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<Sandbox>> Sandbox::create(SandboxOptions options) {
  if (options.nodes < 1 || options.nodes > kMaxNodes)
    return Status::error(fmt::format("nodes must be 1..{}", kMaxNodes));
  if (options.node_init.empty()) options.node_init = PCR_SANDBOX_NODE_INIT;
  if (options.shim.empty() && options.sysrq_shim) options.shim = PCR_SANDBOX_SHIM;
  if (!options.sysrq_shim) options.shim.clear();
  if (access(options.node_init.c_str(), X_OK) != 0)
    return Status::from_errno("sandbox-node-init " + options.node_init);
  if (!options.stage_dir.empty() && !fs::is_directory(fs::path(options.stage_dir) / "usr"))
    return Status::error("stage dir " + options.stage_dir + " has no usr/");
  if (!options.stage_dir.empty()) options.stage_dir = fs::absolute(options.stage_dir).string();

  std::unique_ptr<Sandbox> sb(new Sandbox(std::move(options)));
  sweep_stale(sb->runner_, sb->options_.runs_root);
  std::random_device rd;
  sb->prefix_ = run_prefix(getpid(), rd());
  sb->run_dir_ = sb->options_.runs_root / (sb->prefix_ + "run");
  sb->start_sweeper_watch();
  std::error_code ec;
  fs::create_directories(sb->run_dir_ / "disks", ec);
  if (ec) return Status::error(fmt::format("creating {}: {}", sb->run_dir_.string(), ec.message()));
  sb->wake_fd_.reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  {
    std::lock_guard lock(sb->mu_);
    if (Status st = sb->build(); !st) return st.with_context("building the sandbox");
  }
  sb->monitor_ = std::thread([s = sb.get()] { s->monitor_loop(); });
  return sb;
}

void Sandbox::start_sweeper_watch() {
  std::string sweeper = PCR_SANDBOX_SWEEPER;
  if (sweeper.empty() || access(sweeper.c_str(), X_OK) != 0) return;  // best effort: create() sweeps too
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return;
  UniqueFd read_end(p[0]);
  sweeper_pipe_.reset(p[1]);
  std::string fd_arg = std::to_string(p[0]), root = options_.runs_root.string();
  const char* argv[] = {sweeper.c_str(), "--watch", fd_arg.c_str(), root.c_str(), nullptr};
  // Double fork: the watcher must outlive us and not be our child (no PDEATHSIG, no zombie).
  pid_t mid = fork();
  if (mid == 0) {
    setsid();
    if (fork() == 0) {
      fcntl(p[0], F_SETFD, 0);
      int null = open("/dev/null", O_RDWR);
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);  // must not hold a test runner's output pipe open
      execv(argv[0], const_cast<char* const*>(argv));
      _exit(127);
    }
    _exit(0);
  }
  if (mid > 0) waitpid(mid, nullptr, 0);
}

Status Sandbox::build() {
  auto t0 = std::chrono::steady_clock::now();
  auto sw = Switch::create(runner_, prefix_ + "sw");
  if (!sw) return sw.status();
  switch_ = std::move(*sw);
  loss_ = std::make_unique<LossRules>(runner_, switch_->netns());

  if (options_.shared_disk) {
    auto disk = Disk::create(runner_, run_dir_ / "disks/shared.img", options_.shared_disk_mib * kMiB,
                             {{"sfex", 1 * kMiB, 1 * kMiB, false},
                              {"shared", 4 * kMiB, 0, options_.make_shared_fs}});
    if (!disk) return disk.status();
    shared_disk_ = std::move(*disk);
  }

  std::vector<HostPlan> plans;
  for (int i = 1; i <= options_.nodes; ++i) plans.push_back(node_plan(i));
  if (options_.client) plans.push_back(client_plan());
  for (const HostPlan& plan : plans) {
    NodeConfig cfg;
    cfg.plan = plan;
    cfg.state_dir = run_dir_ / "hosts" / plan.name;
    cfg.init_program = options_.node_init;
    cfg.stage_dir = options_.stage_dir;
    cfg.shim = options_.shim;
    for (std::filesystem::path dir : {std::filesystem::path(PCR_SANDBOX_BUILD_DIR),
                                      std::filesystem::path(options_.shim).parent_path(),
                                      std::filesystem::path(options_.node_init).parent_path()})
      if (!dir.empty()) cfg.keep_dirs.push_back(dir.string());
    cfg.syslog_facility = options_.syslog_facility;
    cfg.syslog = options_.syslog;
    if (plan.name != "client") {
      if (shared_disk_)
        for (const DiskArea& a : shared_disk_->areas()) cfg.devices.emplace_back(a.alias, a.device);
      if (options_.internal_disks) {
        auto disk = Disk::create(runner_, run_dir_ / "disks" / (plan.name + ".img"),
                                 options_.internal_disk_mib * kMiB, {{"internal-" + plan.name, 0, 0, false}});
        if (!disk) return disk.status();
        cfg.devices.emplace_back("internal", (*disk)->areas()[0].device);
        internal_disks_[plan.name] = std::move(*disk);
      }
    }
    Host host;
    host.freezer = std::make_unique<Freezer>(prefix_ + plan.name);
    cfg.freezer_cgroup = host.freezer->path();
    host.node = std::make_unique<Node>(std::move(cfg));
    host.watchdog = std::make_unique<FakeWatchdog>(options_.watchdog_timeout);
    order_.push_back(plan.name);
    hosts_.emplace(plan.name, std::move(host));
  }
  std::vector<Host*> all;
  for (const auto& name : order_) all.push_back(&hosts_.at(name));
  if (Status st = boot_locked(all); !st) return st;
  bring_up_time_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  event(fmt::format("sandbox {} up: {} nodes{} in {} ms", prefix_, options_.nodes,
                    options_.client ? " + client" : "", bring_up_time_.count()));
  return Status::ok();
}

Status Sandbox::boot_locked(std::vector<Host*> hosts) {
  std::vector<std::pair<HostPlan, pid_t>> plugs;
  for (Host* h : hosts) {
    if (Status st = h->node->start(); !st) return st;
    plugs.emplace_back(h->node->config().plan, h->node->init_pid());
  }
  if (Status st = switch_->plug(plugs); !st) return st;
  // Addresses are set from inside each node; the nsenters run in parallel.
  std::vector<std::pair<Host*, ChildProcess>> running;
  for (Host* h : hosts) {
    SpawnOptions opts;
    opts.argv = {tool_path("nsenter"), "-t", std::to_string(h->node->init_pid()), "-n", "--", tool_path("ip"), "-batch", "-"};
    opts.env = tool_environment();
    opts.stdin_data = host_addressing_batch(h->node->config().plan);
    auto child = ChildProcess::spawn(opts);
    if (!child) return child.status().with_context("addressing " + h->node->name());
    running.emplace_back(h, std::move(*child));
  }
  for (auto& [h, child] : running) {
    auto res = child.wait(std::chrono::milliseconds(kToolTimeout));
    if (!res) return res.status().with_context("addressing " + h->node->name());
    if (!res->succeeded())
      return Status::error(fmt::format("addressing {}: {}: {}", h->node->name(), res->describe(), res->stderr_text));
  }
  for (Host* h : hosts) {
    if (Status st = h->node->wait_ready(options_.boot_timeout); !st) return st;
    if (Status st = h->watchdog->attach(h->node->path_inside("/dev/watchdog")); !st) return st;
  }
  wake_monitor();
  changed_.notify_all();
  return Status::ok();
}

Sandbox::~Sandbox() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_monitor();
  if (monitor_.joinable()) monitor_.join();
  std::lock_guard lock(mu_);
  for (auto& [name, host] : hosts_) {
    if (host.freezer && host.freezer->frozen()) (void)host.freezer->thaw();  // SIGKILL waits for a thaw
    host.watchdog->detach();
    host.node->kill();
  }
  hosts_.clear();
  loss_.reset();
  switch_.reset();
  internal_disks_.clear();
  shared_disk_.reset();
  std::error_code ec;
  if (!run_dir_.empty()) fs::remove_all(run_dir_, ec);
  if (sweeper_pipe_) [[maybe_unused]] ssize_t n = write(sweeper_pipe_.get(), "done", 4);
}

void Sandbox::wake_monitor() {
  uint64_t one = 1;
  if (wake_fd_) [[maybe_unused]] ssize_t n = write(wake_fd_.get(), &one, sizeof one);
}

void Sandbox::event(const std::string& text) { events_.push_back(text); }

std::vector<std::string> Sandbox::events() const {
  std::lock_guard lock(mu_);
  return events_;
}

std::vector<std::string> Sandbox::host_names() const { return order_; }

Sandbox::Host* Sandbox::find(const std::string& name) {
  auto it = hosts_.find(name);
  return it == hosts_.end() ? nullptr : &it->second;
}

const Sandbox::Host* Sandbox::find(const std::string& name) const {
  auto it = hosts_.find(name);
  return it == hosts_.end() ? nullptr : &it->second;
}

Result<Sandbox::Host*> Sandbox::find_running(const std::string& name) {
  Host* h = find(name);
  if (!h) return Status::error("no host " + name);
  if (!h->node->running()) return Status::error(name + " is powered off");
  return h;
}

Result<std::vector<std::string>> Sandbox::exec_argv(const std::string& host, std::vector<std::string> argv) {
  std::lock_guard lock(mu_);
  auto h = find_running(host);
  if (!h) return h.status();
  return (*h)->node->exec_argv(argv);
}

Result<ExitStatus> Sandbox::exec(const std::string& host, std::vector<std::string> argv, ExecOptions options) {
  auto full = exec_argv(host, std::move(argv));
  if (!full) return full.status();
  SpawnOptions opts;
  opts.argv = std::move(*full);
  opts.env = tool_environment();
  opts.env->insert(opts.env->end(), options.extra_env.begin(), options.extra_env.end());
  opts.stdin_data = std::move(options.stdin_data);
  return runner_.run(opts, options.timeout);
}

Result<ExitStatus> Sandbox::sh(const std::string& host, const std::string& script, ExecOptions options) {
  return exec(host, {"/bin/sh", "-c", script}, std::move(options));
}

Result<ChildProcess> Sandbox::spawn(const std::string& host, std::vector<std::string> argv) {
  auto full = exec_argv(host, std::move(argv));
  if (!full) return full.status();
  SpawnOptions opts;
  opts.argv = std::move(*full);
  opts.env = tool_environment();
  return ChildProcess::spawn(opts);
}

Status Sandbox::cut(Lan lan, const std::string& host) {
  std::lock_guard lock(mu_);
  if (!host.empty() && !find(host)) return Status::error("no host " + host);
  return switch_->set_link(lan, host, false);
}

Status Sandbox::restore(Lan lan, const std::string& host) {
  std::lock_guard lock(mu_);
  if (!host.empty() && !find(host)) return Status::error("no host " + host);
  return switch_->set_link(lan, host, true);
}

Status Sandbox::set_loss(const std::vector<LossRule>& rules) {
  std::lock_guard lock(mu_);
  return loss_->set(rules);
}

Status Sandbox::add_loss(const LossRule& rule) {
  std::lock_guard lock(mu_);
  return loss_->add(rule);
}

Result<std::vector<LossCounter>> Sandbox::loss_counters() {
  std::lock_guard lock(mu_);
  return loss_->counters();
}

Status Sandbox::power_off_locked(Host& host, const std::string& why) {
  if (host.freezer->frozen()) (void)host.freezer->thaw();
  host.watchdog->detach();
  host.node->kill();
  host.last_death = why;
  event(fmt::format("{}: {}", host.node->name(), why));
  Status st = switch_->unplug(host.node->config().plan);
  changed_.notify_all();
  return st;
}

Status Sandbox::power_off(const std::string& host) {
  std::lock_guard lock(mu_);
  auto h = find_running(host);
  if (!h) return h.status();
  return power_off_locked(**h, "powered off by the harness");
}

Status Sandbox::power_on(const std::string& host) {
  std::lock_guard lock(mu_);
  Host* h = find(host);
  if (!h) return Status::error("no host " + host);
  if (h->node->running()) return Status::error(host + " is already on");
  Status st = boot_locked({h});
  if (st) event(host + ": powered on");
  return st;
}

Status Sandbox::reset(const std::string& host) {
  std::lock_guard lock(mu_);
  auto h = find_running(host);
  if (!h) return h.status();
  if (Status st = power_off_locked(**h, "reset by the harness"); !st) return st;
  return boot_locked({*h});
}

Status Sandbox::freeze(const std::string& host) {
  std::lock_guard lock(mu_);
  auto h = find_running(host);
  if (!h) return h.status();
  Status st = (*h)->freezer->freeze((*h)->node->pid_ns_inode());
  if (st) event(host + ": frozen");
  return st;
}

Status Sandbox::thaw(const std::string& host) {
  std::lock_guard lock(mu_);
  auto h = find_running(host);
  if (!h) return h.status();
  Status st = (*h)->freezer->thaw();
  if (st) event(host + ": thawed");
  return st;
}

Status Sandbox::disk_fail(const std::string& alias) {
  std::lock_guard lock(mu_);
  for (Disk* d : {shared_disk_.get()})
    if (d && d->fail(alias)) return event("disk " + alias + " failed"), Status::ok();
  for (auto& [name, d] : internal_disks_)
    if (d->fail(alias)) return event("disk " + alias + " failed"), Status::ok();
  return Status::error("no disk area " + alias);
}

Status Sandbox::disk_restore(const std::string& alias) {
  std::lock_guard lock(mu_);
  for (Disk* d : {shared_disk_.get()})
    if (d && d->restore(alias)) return event("disk " + alias + " restored"), Status::ok();
  for (auto& [name, d] : internal_disks_)
    if (d->restore(alias)) return event("disk " + alias + " restored"), Status::ok();
  return Status::error("no disk area " + alias);
}

std::vector<std::pair<std::string, std::string>> Sandbox::disks() const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  if (shared_disk_)
    for (const DiskArea& a : shared_disk_->areas()) out.emplace_back(a.alias, a.device);
  for (const auto& [name, d] : internal_disks_)
    for (const DiskArea& a : d->areas()) out.emplace_back(a.alias, a.device);
  return out;
}

Result<HostStatus> Sandbox::status(const std::string& host) const {
  std::lock_guard lock(mu_);
  const Host* h = find(host);
  if (!h) return Status::error("no host " + host);
  HostStatus s;
  s.name = host;
  s.power = !h->node->running() ? PowerState::off : h->freezer->frozen() ? PowerState::frozen : PowerState::on;
  s.init_pid = h->node->init_pid();
  s.boots = h->node->boots();
  s.last_death = h->last_death;
  s.state_dir = h->node->config().state_dir;
  s.devices = h->node->config().devices;
  return s;
}

Result<int> Sandbox::wait_for_boot(const std::string& host, int boots, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  Host* h = find(host);
  if (!h) return Status::error("no host " + host);
  bool ok = changed_.wait_for(lock, timeout, [&] { return h->node->running() && h->node->boots() > boots; });
  if (!ok) return Status::error(fmt::format("{} did not boot again within {} ms", host, timeout.count()));
  return h->node->boots();
}

std::string Sandbox::logs(const std::string& host) const {
  std::lock_guard lock(mu_);
  const Host* h = find(host);
  if (!h) return "no host " + host + "\n";
  const fs::path dir = h->node->config().state_dir;
  std::string out;
  auto section = [&](const std::string& title, const fs::path& file) {
    out += fmt::format("==== {} {} ====\n{}", host, title, read_file(file));
  };
  section("/var/log/ha-log", dir / "log/ha-log");
  section("/var/log/messages", dir / "log/messages");
  if (h->node->running()) section("/run/sandbox-init.log", h->node->path_inside("/run/sandbox-init.log"));
  section("console", h->node->console_path());
  return out;
}

Status Sandbox::write_file(const std::string& host, const std::string& path, const std::string& text) {
  std::lock_guard lock(mu_);
  auto h = find_running(host);
  if (!h) return h.status();
  fs::path target = (*h)->node->path_inside(path);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  std::ofstream out(target, std::ios::trunc);
  out << text;
  out.flush();
  if (!out) return Status::error(fmt::format("{}: cannot write {}", host, path));
  return Status::ok();
}

void Sandbox::handle_death(Host& host, int status) {
  std::string why = describe_death(status);
  bool reboot = WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP;
  host.watchdog->detach();
  if (host.freezer->frozen()) (void)host.freezer->thaw();
  (void)switch_->unplug(host.node->config().plan);
  host.last_death = why + (reboot ? ": reset" : ": stays off");
  event(fmt::format("{}: {}", host.node->name(), host.last_death));
  if (reboot)
    if (Status st = boot_locked({&host}); !st) event(host.node->name() + ": power on after reboot failed: " + st.message());
  changed_.notify_all();
}

void Sandbox::monitor_loop() {
  enum class Kind { wake, init, watchdog };
  struct Watched {
    Kind kind;
    Host* host;
  };
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<Watched> what;
    int timeout_ms = -1;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      fds.push_back({wake_fd_.get(), POLLIN, 0});
      what.push_back({Kind::wake, nullptr});
      auto now = WatchdogState::Clock::now();
      for (auto& [name, h] : hosts_) {
        if (!h.node->running()) continue;
        fds.push_back({h.node->pidfd(), POLLIN, 0});
        what.push_back({Kind::init, &h});
        if (h.watchdog->fd() >= 0) {
          fds.push_back({h.watchdog->fd(), POLLIN, 0});
          what.push_back({Kind::watchdog, &h});
        }
        if (auto d = h.watchdog->state().deadline()) {
          auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*d - now).count() + 1;
          ms = std::max<long>(ms, 0);
          timeout_ms = timeout_ms < 0 ? static_cast<int>(ms) : std::min(timeout_ms, static_cast<int>(ms));
        }
      }
    }
    int n = poll(fds.data(), fds.size(), timeout_ms);
    if (n < 0 && errno != EINTR) return;
    std::lock_guard lock(mu_);
    if (stopping_) return;
    uint64_t drained;
    [[maybe_unused]] ssize_t r = read(wake_fd_.get(), &drained, sizeof drained);
    auto now = WatchdogState::Clock::now();
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!fds[i].revents || what[i].kind != Kind::watchdog) continue;
      Host& h = *what[i].host;
      // The fd may have been closed and reused since the poll: only read the current one.
      if (h.node->running() && h.watchdog->fd() == fds[i].fd) h.watchdog->on_readable(now);
    }
    for (auto& [name, h] : hosts_) {
      if (auto status = h.node->reap_if_dead()) {
        handle_death(h, *status);
      } else if (h.node->running() && h.watchdog->state().expired(now)) {
        (void)power_off_locked(h, "watchdog not fed in time: reset");
        if (Status st = boot_locked({&h}); !st) event(name + ": power on after watchdog failed: " + st.message());
      }
    }
  }
}

}  // namespace pacer::sandbox
