// Spawning with fork/exec: the exec error comes back over a close-on-exec pipe, output is drained
// with poll while waiting on a pidfd, and the process group is killed on timeout or destruction.
#include "common/child_process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace pacer {
namespace {

using Clock = std::chrono::steady_clock;

int open_pidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

// Runs in the child between fork and exec: only async-signal-safe calls. Reports errno on
// `error_fd` and exits 127 when something fails.
[[noreturn]] void exec_child(const SpawnOptions& options, char* const* argv, char* const* envp,
                             int stdin_fd, int stdout_fd, int stderr_fd, int error_fd) {
  auto fail = [error_fd]() {
    int err = errno;
    ssize_t ignored = ::write(error_fd, &err, sizeof err);
    (void)ignored;
    ::_exit(127);
  };
  ::setpgid(0, 0);
  if (options.parent_death_signal != 0 &&
      ::prctl(PR_SET_PDEATHSIG, options.parent_death_signal) != 0)
    fail();
  // Restore what a daemon may have changed: children start with default signal handling.
  sigset_t all;
  sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
  // A realtime parent (heartbeatd's MCP) must not pass SCHED_FIFO on to what it starts.
  sched_param normal{};
  ::sched_setscheduler(0, SCHED_OTHER, &normal);

  if (::dup2(stdin_fd, 0) < 0 || ::dup2(stdout_fd, 1) < 0 || ::dup2(stderr_fd, 2) < 0) fail();
  if (!options.working_directory.empty() && ::chdir(options.working_directory.c_str()) != 0)
    fail();
  if (options.gid && (::setgroups(options.supplementary_groups.size(),
                                  options.supplementary_groups.data()) != 0 ||
                      ::setgid(*options.gid) != 0))
    fail();
  if (options.uid && ::setuid(*options.uid) != 0) fail();
  if (envp != nullptr)
    ::execvpe(argv[0], argv, envp);
  else
    ::execvp(argv[0], argv);
  fail();
  ::_exit(127);  // not reached: fail() exits; tells the compiler so
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

ExitStatus decode_wait_status(int status) {
  ExitStatus result;
  if (WIFEXITED(status)) {
    result.exited = true;
    result.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.core_dumped = WCOREDUMP(status);
  }
  return result;
}

void append_bounded(std::string& out, const char* data, size_t n) {
  size_t room = ChildProcess::kMaxCapturedBytes - std::min(out.size(), ChildProcess::kMaxCapturedBytes);
  out.append(data, std::min(n, room));
}

}  // namespace

std::string ExitStatus::describe() const {
  std::string how = exited ? fmt::format("exit code {}", code)
                           : fmt::format("killed by signal {} ({})", signal, strsignal(signal));
  return timed_out ? "timed out, then " + how : how;
}

Result<ChildProcess> ChildProcess::spawn(const SpawnOptions& options) {
  if (options.argv.empty()) return Status::error("spawn: empty argv");
  const std::string& program = options.argv[0];

  auto error_pipe = make_pipe();
  if (!error_pipe) return error_pipe.status().with_context("spawn " + program);

  UniqueFd dev_null(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (!dev_null) return Status::from_errno("spawn " + program + ": open /dev/null");

  std::optional<PipePair> in, out, err;
  if (options.stdin_data) {
    auto p = make_pipe();
    if (!p) return p.status();
    in = std::move(*p);
  }
  if (options.capture_output) {
    auto p1 = make_pipe();
    auto p2 = make_pipe();
    if (!p1) return p1.status();
    if (!p2) return p2.status();
    out = std::move(*p1);
    err = std::move(*p2);
  }

  // Everything the child needs is prepared before fork: no allocation happens after it.
  auto argv = c_strings(options.argv);
  std::vector<char*> envp;
  if (options.env) envp = c_strings(*options.env);

  pid_t pid = ::fork();
  if (pid < 0) return Status::from_errno("fork for " + program);
  if (pid == 0) {
    exec_child(options, argv.data(), options.env ? envp.data() : nullptr,
               in ? in->read_end.get() : dev_null.get(),
               out ? out->write_end.get() : dev_null.get(),
               err ? err->write_end.get() : dev_null.get(), error_pipe->write_end.get());
  }
  // Also from the parent, so a signal to the group cannot race the child's own setpgid.
  ::setpgid(pid, pid);

  ChildProcess child;
  child.pid_ = pid;
  error_pipe->write_end.reset();
  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(error_pipe->read_end.get(), &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  if (n == sizeof exec_errno) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    child.pid_ = -1;
    return Status::from_errno("cannot execute " + program, exec_errno);
  }

  child.pidfd_ = UniqueFd(open_pidfd(pid));
  if (!child.pidfd_) return Status::from_errno("pidfd_open for " + program);
  if (in) {
    child.stdin_ = std::move(in->write_end);
    child.pending_stdin_ = *options.stdin_data;
  }
  if (out) child.stdout_ = std::move(out->read_end);
  if (err) child.stderr_ = std::move(err->read_end);
  for (int fd : {child.stdin_.get(), child.stdout_.get(), child.stderr_.get()})
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      pidfd_(std::move(other.pidfd_)),
      stdin_(std::move(other.stdin_)),
      stdout_(std::move(other.stdout_)),
      stderr_(std::move(other.stderr_)),
      pending_stdin_(std::move(other.pending_stdin_)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    kill_and_reap();
    pid_ = std::exchange(other.pid_, -1);
    pidfd_ = std::move(other.pidfd_);
    stdin_ = std::move(other.stdin_);
    stdout_ = std::move(other.stdout_);
    stderr_ = std::move(other.stderr_);
    pending_stdin_ = std::move(other.pending_stdin_);
  }
  return *this;
}

ChildProcess::~ChildProcess() { kill_and_reap(); }

void ChildProcess::kill_and_reap() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  int status;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

Status ChildProcess::signal_group(int signo) const {
  if (pid_ <= 0) return Status::error("signal: process already reaped");
  if (::kill(-pid_, signo) != 0 && ::kill(pid_, signo) != 0)
    return Status::from_errno(fmt::format("kill({}, {})", -pid_, signo));
  return Status::ok();
}

Result<ExitStatus> ChildProcess::wait(std::optional<std::chrono::milliseconds> timeout,
                                      std::chrono::milliseconds kill_grace) {
  if (pid_ <= 0) return Status::error("wait: process already reaped");
  std::string out_text, err_text;
  bool timed_out = false;
  bool exited = false;
  auto deadline = timeout ? std::optional(Clock::now() + *timeout) : std::nullopt;
  std::optional<Clock::time_point> kill_at;
  size_t stdin_written = 0;
  if (pending_stdin_.empty()) stdin_.reset();

  // Keep reading output after the exit until EOF: a grandchild may still hold the pipe, so the
  // drain after exit is bounded by a short grace instead of waiting for EOF forever.
  std::optional<Clock::time_point> drain_until;
  char buffer[65536];
  while (true) {
    auto now = Clock::now();
    if (exited && (!stdout_ && !stderr_)) break;
    if (exited && drain_until && now >= *drain_until) break;

    int wait_ms = -1;
    auto consider = [&](Clock::time_point t) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - now).count();
      ms = std::max<long>(ms, 0);
      if (wait_ms < 0 || ms < wait_ms) wait_ms = static_cast<int>(ms);
    };
    if (deadline && !timed_out) consider(*deadline);
    if (kill_at) consider(*kill_at);
    if (drain_until) consider(*drain_until);

    pollfd fds[4];
    int nfds = 0;
    int idx_pid = -1, idx_in = -1, idx_out = -1, idx_err = -1;
    if (!exited) { idx_pid = nfds; fds[nfds++] = {pidfd_.get(), POLLIN, 0}; }
    if (stdin_) { idx_in = nfds; fds[nfds++] = {stdin_.get(), POLLOUT, 0}; }
    if (stdout_) { idx_out = nfds; fds[nfds++] = {stdout_.get(), POLLIN, 0}; }
    if (stderr_) { idx_err = nfds; fds[nfds++] = {stderr_.get(), POLLIN, 0}; }
    int ready = ::poll(fds, nfds, wait_ms);
    if (ready < 0 && errno != EINTR) return Status::from_errno("poll while waiting for child");
    now = Clock::now();

    auto drain = [&](UniqueFd& fd, std::string& text) {
      while (true) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n > 0) { append_bounded(text, buffer, static_cast<size_t>(n)); continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return;
        fd.reset();  // EOF or error
        return;
      }
    };
    if (ready > 0) {
      if (idx_out >= 0 && fds[idx_out].revents) drain(stdout_, out_text);
      if (idx_err >= 0 && fds[idx_err].revents) drain(stderr_, err_text);
      if (idx_in >= 0 && fds[idx_in].revents) {
        if (fds[idx_in].revents & (POLLERR | POLLHUP)) {
          stdin_.reset();
        } else {
          ssize_t n = ::write(stdin_.get(), pending_stdin_.data() + stdin_written,
                              pending_stdin_.size() - stdin_written);
          if (n > 0) stdin_written += static_cast<size_t>(n);
          if ((n < 0 && errno != EAGAIN && errno != EINTR) || stdin_written == pending_stdin_.size())
            stdin_.reset();
        }
      }
      if (idx_pid >= 0 && fds[idx_pid].revents) {
        exited = true;
        stdin_.reset();
        drain_until = now + std::chrono::milliseconds(200);
      }
    }
    if (!exited && deadline && !timed_out && now >= *deadline) {
      timed_out = true;
      (void)signal_group(SIGTERM);
      kill_at = now + kill_grace;
    }
    if (!exited && kill_at && now >= *kill_at) {
      (void)signal_group(SIGKILL);
      kill_at.reset();
    }
  }

  pid_t group = pid_;
  auto reaped = reap();
  if (!reaped) return reaped.status();
  // What the child left behind in its group (daemons it forked) dies with a timed-out operation.
  if (timed_out) ::kill(-group, SIGKILL);
  stdout_.reset();
  stderr_.reset();
  ExitStatus result = std::move(*reaped);
  result.timed_out = timed_out;
  result.stdout_text = std::move(out_text);
  result.stderr_text = std::move(err_text);
  return result;
}

Result<ExitStatus> ChildProcess::reap() {
  if (pid_ <= 0) return Status::error("reap: process already reaped");
  int status = 0;
  pid_t reaped;
  do {
    reaped = ::waitpid(pid_, &status, 0);
  } while (reaped < 0 && errno == EINTR);
  if (reaped < 0) return Status::from_errno("waitpid");
  pid_ = -1;
  return decode_wait_status(status);
}

Result<ExitStatus> run_process(const SpawnOptions& options,
                               std::optional<std::chrono::milliseconds> timeout) {
  auto child = ChildProcess::spawn(options);
  if (!child) return child.status();
  return child->wait(timeout);
}

}  // namespace pacer
