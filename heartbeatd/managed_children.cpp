#include "heartbeatd/managed_children.h"

#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <sstream>
#include <thread>

namespace pacer::heartbeat {
namespace {

struct UserIds {
  uid_t uid;
  gid_t gid;
  std::vector<gid_t> groups;
};

Result<UserIds> lookup_user(const std::string& user) {
  std::vector<char> buffer(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwnam_r(user.c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
    return Status::error(fmt::format("no such user [{}]", user));
  UserIds ids{pw.pw_uid, pw.pw_gid, {}};
  int count = 64;
  ids.groups.resize(count);
  if (::getgrouplist(user.c_str(), pw.pw_gid, ids.groups.data(), &count) < 0) {
    ids.groups.resize(count);
    ::getgrouplist(user.c_str(), pw.pw_gid, ids.groups.data(), &count);
  }
  ids.groups.resize(count);
  return ids;
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

ManagedChildren::ManagedChildren(ipc::EventLoop& loop, Logger& log, NodeReset& reset,
                                 std::vector<config::ChildProgram> programs,
                                 std::vector<std::string> environment, Millis reboot_delay)
    : loop_(loop), log_(log), reset_(reset), environment_(std::move(environment)),
      reboot_delay_(reboot_delay) {
  for (auto& p : programs) children_.push_back(Child{std::move(p), std::nullopt, {}, {}, {}});
}

ManagedChildren::~ManagedChildren() {
  for (auto& c : children_)
    if (c.process) loop_.unwatch_fd(c.process->pidfd());
  // ChildProcess's destructor kills and reaps whatever is still running.
}

void ManagedChildren::start_all() {
  for (size_t i = 0; i < children_.size(); ++i) spawn(i);
}

void ManagedChildren::spawn(size_t index) {
  Child& child = children_[index];
  child.respawn_timer.reset();
  const auto& program = child.program;
  std::string command = program.command_line();
  if (::access(program.path.c_str(), X_OK) != 0) {
    log_.error("Client child command [{}] is not executable", program.path);
    return;
  }
  auto ids = lookup_user(program.user);
  if (!ids) {
    log_.error("Cannot start [{}]: {}", command, ids.error_message());
    return;
  }
  SpawnOptions options;
  options.argv.push_back(program.path);
  for (auto& w : split_words(program.args)) options.argv.push_back(std::move(w));
  options.env = environment_;
  options.capture_output = false;
  options.uid = ids->uid;
  options.gid = ids->gid;
  options.supplementary_groups = ids->groups;
  auto process = ChildProcess::spawn(options);
  if (!process) {
    log_.error("Cannot start [{}]: {}", command, process.error_message());
    return;
  }
  child.started = loop_.clock().monotonic();
  child.process = std::move(*process);
  log_.info("Starting \"{}\" as uid {}  gid {} (pid {})", command, ids->uid, ids->gid,
            child.process->pid());
  Status watched = loop_.watch_fd(child.process->pidfd(), POLLIN,
                                  [this, index](int, uint32_t) { on_exit(index); });
  if (!watched) log_.error("cannot watch [{}]: {}", command, watched.message());
}

void ManagedChildren::on_exit(size_t index) {
  Child& child = children_[index];
  if (!child.process) return;
  loop_.unwatch_fd(child.process->pidfd());
  pid_t pid = child.process->pid();
  auto status = child.process->reap();
  child.process.reset();
  if (!status) {
    log_.error("cannot reap {}: {}", child.program.command_line(), status.error_message());
    return;
  }
  ChildDeath death{pid, status->exited, status->code, status->signal, status->core_dumped,
                   std::chrono::duration_cast<Millis>(loop_.clock().monotonic() - child.started)};
  std::string command = child.program.command_line();
  DeathPolicy policy = child.program.kind == config::ChildKind::failfast ? DeathPolicy::failfast
                                                                          : DeathPolicy::respawn;
  DeathVerdict verdict = judge_child_death(command, policy, death, shutting_down_, child.rate_limit);
  for (const auto& line : verdict.log) log_.log(line.level, line.text);
  switch (verdict.action) {
    case AfterDeath::respawn:
      spawn(index);
      break;
    case AfterDeath::respawn_after_pause:
      child.respawn_timer = loop_.add_timer(Millis(1000), [this, index] { spawn(index); });
      break;
    case AfterDeath::stay_dead:
      break;
    case AfterDeath::reboot_node:
      reboot(command);
      break;
  }
  if (shutting_down_) loop_.defer([this] { stop_next(); });
}

void ManagedChildren::reboot(const std::string& reason) {
  // Heartbeat's reboot helper: sync, give the log a keepalive's time to reach the disk, reboot.
  ::sync();
  std::this_thread::sleep_for(reboot_delay_);
  Status s = reset_.reset_node(reason);
  log_.log(LogLevel::emerg, fmt::format("ALL REBOOT OPTIONS FAILED: {}", s.message()));
}

void ManagedChildren::stop_all(std::function<void()> done) {
  shutting_down_ = true;
  stopped_ = std::move(done);
  for (auto& c : children_)
    if (c.respawn_timer) loop_.cancel_timer(*c.respawn_timer);
  stop_next();
}

void ManagedChildren::stop_next() {
  for (size_t i = children_.size(); i-- > 0;) {
    Child& child = children_[i];
    if (!child.process) continue;
    if (child.process->pid() > 0) {
      log_.info("killing {} process group {} with signal 15", child.program.command_line(),
                child.process->pid());
      (void)child.process->signal_group(SIGTERM);
    }
    return;  // on_exit() of this child continues the shutdown
  }
  if (stopped_) {
    auto done = std::move(stopped_);
    stopped_ = nullptr;
    done();
  }
}

std::vector<ManagedChildInfo> ManagedChildren::info() const {
  std::vector<ManagedChildInfo> out;
  for (const auto& c : children_)
    out.push_back({c.program.command_line(), c.process ? c.process->pid() : -1, c.process.has_value()});
  return out;
}

}  // namespace pacer::heartbeat
