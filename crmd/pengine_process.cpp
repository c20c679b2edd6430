// Forking the pengine child and talking to it; see pengine_process.h.
#include "crmd/pengine_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "crmd.pb.h"

namespace pacer::crmd {

PengineProcess::PengineProcess(ipc::EventLoop& loop, std::string executable, ReplyCallback on_reply,
                               ExitCallback on_exit)
    : loop_(loop), executable_(std::move(executable)), on_reply_(std::move(on_reply)), on_exit_(std::move(on_exit)) {}

PengineProcess::~PengineProcess() {
  close_socket();
  if (pidfd_.get() >= 0) loop_.unwatch_fd(pidfd_.get());
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

Result<int> PengineProcess::start() {
  if (pid_ > 0) return static_cast<int>(pid_);
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return Status::from_errno("socketpair");
  UniqueFd ours(sv[0]), theirs(sv[1]);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return Status::from_errno("fork");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    if (::dup2(theirs.get(), 3) < 0) ::_exit(1);  // dup2 clears close-on-exec on fd 3
    ::setenv(kPengineFdVariable, "3", 1);
    const char* argv[] = {"pengine", nullptr};
    ::execv(executable_.c_str(), const_cast<char* const*>(argv));
    ::_exit(127);
  }
  pid_ = pid;
  socket_ = std::move(ours);
  ::fcntl(socket_.get(), F_SETFL, ::fcntl(socket_.get(), F_GETFL) | O_NONBLOCK);
  reader_ = FrameReader();
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) {
    pidfd_ = UniqueFd(pidfd);
    (void)loop_.watch_fd(pidfd, POLLIN, [this](int, std::uint32_t) { on_exited(); });
  }
  (void)loop_.watch_fd(socket_.get(), POLLIN, [this](int, std::uint32_t) { on_readable(); });
  return static_cast<int>(pid);
}

void PengineProcess::close_socket() {
  if (socket_.get() < 0) return;
  loop_.unwatch_fd(socket_.get());
  socket_ = UniqueFd();
}

void PengineProcess::stop() {
  // The child sees the end of its input and exits 0: a normal stop, as pm_logconv should say.
  close_socket();
}

Status PengineProcess::request(std::uint64_t reference, int transition_id, const std::string& cib_xml) {
  if (socket_.get() < 0) return Status::error("pengine is not running");
  proto::crmd::PeRequest request;
  request.set_version(1);
  request.set_reference(reference);
  request.set_transition_id(transition_id);
  request.set_cib(cib_xml);
  request.set_now(std::chrono::duration_cast<std::chrono::seconds>(
                      loop_.clock().wall().time_since_epoch()).count());
  return write_frame(socket_.get(), "pe.request", request.SerializeAsString());
}

void PengineProcess::on_readable() {
  if (!reader_.fill(socket_.get())) {
    close_socket();  // the child is gone; its exit comes through the pidfd
    return;
  }
  for (;;) {
    auto frame = reader_.next();
    if (!frame || !*frame) return;
    proto::crmd::PeReply reply;
    if ((*frame)->type() != "pe.reply" || !reply.ParseFromString((*frame)->payload())) continue;
    Result<PeReply> result = reply.error().empty()
                                 ? Result<PeReply>(PeReply{reply.graph(), reply.pe_input()})
                                 : Result<PeReply>(Status::error(reply.error()));
    on_reply_(reply.reference(), result);
  }
}

void PengineProcess::on_exited() {
  int status = 0;
  pid_t pid = pid_;
  if (::waitpid(pid, &status, WNOHANG) != pid) return;
  loop_.unwatch_fd(pidfd_.get());
  pidfd_ = UniqueFd();
  pid_ = -1;
  close_socket();
  int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
  on_exit_(static_cast<int>(pid), signal, code);
}

}  // namespace pacer::crmd
