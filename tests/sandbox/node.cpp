// Starting, stopping and entering a sandbox node's init.
#include "tests/sandbox/node.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "tests/sandbox/command.h"

namespace pacer::sandbox {

namespace fs = std::filesystem;

std::vector<std::string> Node::init_argv() const {
  std::vector<std::string> argv = {config_.init_program.string(), "--hostname", config_.plan.name,
                                   "--state", config_.state_dir.string(), "--facility",
                                   config_.syslog_facility};
  if (!config_.stage_dir.empty()) argv.insert(argv.end(), {"--stage", config_.stage_dir});
  if (!config_.shim.empty()) argv.insert(argv.end(), {"--shim", config_.shim});
  if (!config_.syslog) argv.push_back("--no-syslog");
  for (const auto& dir : config_.keep_dirs) argv.insert(argv.end(), {"--keep", dir});
  for (const auto& [alias, dev] : config_.devices) argv.insert(argv.end(), {"--dev", alias + "=" + dev});
  return argv;
}

Status Node::start() {
  if (running()) return Status::error(fmt::format("{} is already on", name()));
  std::error_code ec;
  fs::create_directories(config_.state_dir, ec);
  if (ec) return Status::error(fmt::format("creating {}: {}", config_.state_dir.string(), ec.message()));
  fs::remove(config_.state_dir / "ready", ec);

  // Everything the child needs is prepared before clone: after it, the child may only make
  // system calls (the harness is multi-threaded).
  std::vector<std::string> args = init_argv();
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> envs = tool_environment();
  std::vector<char*> envp;
  for (auto& e : envs) envp.push_back(e.data());
  envp.push_back(nullptr);
  UniqueFd console(open(console_path().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!console) return Status::from_errno("opening " + console_path().string());
  UniqueFd devnull(open("/dev/null", O_RDONLY | O_CLOEXEC));
  int sync_pipe[2];
  if (pipe2(sync_pipe, O_CLOEXEC) != 0) return Status::from_errno("pipe2");
  UniqueFd sync_read(sync_pipe[0]), sync_write(sync_pipe[1]);

  const unsigned long flags = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
  long pid = syscall(SYS_clone, flags, nullptr, nullptr, nullptr, nullptr);
  if (pid < 0) return Status::from_errno("clone for " + name());
  if (pid == 0) {
    // Child: PID 1 of the new namespaces.
    close(sync_pipe[1]);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    char go;
    // EOF instead of the go byte: the harness died before PDEATHSIG was armed.
    if (read(sync_pipe[0], &go, 1) != 1) _exit(1);
    dup2(devnull.get(), 0);
    dup2(console.get(), 1);
    dup2(console.get(), 2);
    // A descriptor some other thread opened without O_CLOEXEC must not leak into the node.
    syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
    setsid();
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  pid_ = static_cast<pid_t>(pid);
  pidfd_.reset(static_cast<int>(syscall(SYS_pidfd_open, pid_, 0)));
  if (!config_.freezer_cgroup.empty()) {
    // Placed before exec so every process it forks is in the cgroup too.
    std::ofstream procs(config_.freezer_cgroup + "/cgroup.procs");
    procs << pid_ << "\n";
  }
  struct stat st;
  pid_ns_inode_ = stat(fmt::format("/proc/{}/ns/pid", pid_).c_str(), &st) == 0 ? st.st_ino : 0;
  if (write(sync_write.get(), "g", 1) != 1) {
    kill();
    return Status::from_errno("starting " + name());
  }
  ++boots_;
  last_status_.reset();
  return Status::ok();
}

Status Node::wait_ready(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  fs::path ready = path_inside("/run/sandbox-ready");
  for (;;) {
    if (!running()) break;
    if (access(ready.c_str(), F_OK) == 0) return Status::ok();
    if (reap_if_dead()) break;
    if (std::chrono::steady_clock::now() > deadline)
      return Status::error(fmt::format("{} not ready after {} ms", name(), timeout.count()));
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  std::ifstream in(console_path());
  std::stringstream text;
  text << in.rdbuf();
  return Status::error(fmt::format("{}: init died while booting: {}", name(), text.str()));
}

void Node::kill() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, __WALL) < 0 && errno == EINTR) {
  }
  last_status_ = status;
  pid_ = -1;
  pidfd_.reset();
}

std::optional<int> Node::reap_if_dead() {
  if (!running()) return std::nullopt;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG | __WALL);
  if (r != pid_) return std::nullopt;
  last_status_ = status;
  pid_ = -1;
  pidfd_.reset();
  return status;
}

fs::path Node::path_inside(std::string_view path) const {
  return fs::path(fmt::format("/proc/{}/root", pid_)) / fs::path(path).relative_path();
}

std::vector<std::string> Node::exec_argv(const std::vector<std::string>& command) const {
  std::vector<std::string> argv = {tool_path("nsenter"), "-t", std::to_string(pid_), "-n", "-m", "-p",
                                   "-u",      "-i", "--wd=/", "--"};
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

std::vector<pid_t> processes_in_pid_ns(uint64_t inode) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    struct stat st;
    if (stat((entry.path() / "ns/pid").c_str(), &st) == 0 && st.st_ino == inode) out.push_back(std::stoi(name));
  }
  return out;
}

}  // namespace pacer::sandbox
