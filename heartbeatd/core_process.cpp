#include "heartbeatd/core_process.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "heartbeatd/media_socket.h"

namespace pacer::heartbeat {
namespace {

constexpr size_t kMaxDatagram = 65536;

[[noreturn]] void emergency_shutdown(Logger& log) {
  log.crit("Emergency Shutdown: Master Control process died.");
  log.crit("Emergency Shutdown(MCP dead): Killing ourselves.");
  // Our process group is the MCP's: its other core processes go too. Managed clients have
  // groups of their own and notice the API going away.
  ::signal(SIGTERM, SIG_DFL);
  ::kill(0, SIGTERM);
  ::_exit(1);
}

bool channel_hung_up(const pollfd& p) { return p.revents & (POLLHUP | POLLERR | POLLRDHUP); }

[[noreturn]] void run_reader(const CoreSpec& spec, int channel, Logger& log) {
  auto socket = open_medium_receiver(spec.medium);
  if (!socket) {
    log.error("{}", socket.error_message());
    ::_exit(1);
  }
  // A 5 MB CIB arrives as ~4,000 datagrams in a burst; the default 208 KB buffer would drop most
  // of them and leave it to retransmission. (FORCE: root may exceed rmem_max.)
  int size = 16 << 20;
  ::setsockopt(socket->get(), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
  std::string buffer(kMaxDatagram, '\0');
  while (true) {
    pollfd fds[2] = {{channel, POLLRDHUP, 0}, {socket->get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (channel_hung_up(fds[0])) emergency_shutdown(log);
    if (fds[1].revents & POLLIN) {
      ssize_t n = ::recv(socket->get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
      // A full channel means the MCP is busy: drop, as the network itself would.
      if (n > 0) (void)::send(channel, buffer.data(), static_cast<size_t>(n), MSG_DONTWAIT | MSG_NOSIGNAL);
    }
  }
}

[[noreturn]] void run_writer(const CoreSpec& spec, int channel, Logger& log) {
  auto sender = open_medium_sender(spec.medium);
  if (!sender) {
    log.error("{}", sender.error_message());
    ::_exit(1);
  }
  int size = 4 << 20;
  ::setsockopt(sender->socket.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
  std::string buffer(kMaxDatagram, '\0');
  while (true) {
    pollfd fds[1] = {{channel, POLLIN | POLLRDHUP, 0}};
    if (::poll(fds, 1, -1) < 0) continue;
    if (fds[0].revents & POLLIN) {
      ssize_t n = ::recv(channel, buffer.data(), buffer.size(), MSG_DONTWAIT);
      if (n > 0) {
        // A cut link fails sends (ENETDOWN, ENOBUFS): the packet is simply lost on this medium.
        (void)::sendto(sender->socket.get(), buffer.data(), static_cast<size_t>(n), MSG_DONTWAIT,
                       reinterpret_cast<const sockaddr*>(&sender->destination), sizeof sender->destination);
        continue;
      }
      if (n == 0) emergency_shutdown(log);
    }
    if (channel_hung_up(fds[0])) emergency_shutdown(log);
  }
}

[[noreturn]] void run_fifo_reader(const CoreSpec& spec, int channel, Logger& log) {
  if (::mkfifo(spec.fifo_path.c_str(), 0600) != 0 && errno != EEXIST) {
    log.error("cannot create FIFO {}: {}", spec.fifo_path, std::strerror(errno));
    ::_exit(1);
  }
  // Opened read-write so the FIFO never reports end-of-file when a writer goes away.
  UniqueFd fifo(::open(spec.fifo_path.c_str(), O_RDWR | O_CLOEXEC));
  if (!fifo) {
    log.error("cannot open FIFO {}: {}", spec.fifo_path, std::strerror(errno));
    ::_exit(1);
  }
  std::string pending;
  char buffer[4096];
  while (true) {
    pollfd fds[2] = {{channel, POLLRDHUP, 0}, {fifo.get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (channel_hung_up(fds[0])) emergency_shutdown(log);
    if (!(fds[1].revents & POLLIN)) continue;
    ssize_t n = ::read(fifo.get(), buffer, sizeof buffer);
    if (n <= 0) continue;
    pending.append(buffer, static_cast<size_t>(n));
    for (size_t eol; (eol = pending.find('\n')) != std::string::npos;) {
      std::string line = pending.substr(0, eol);
      pending.erase(0, eol + 1);
      if (!line.empty()) (void)::send(channel, line.data(), line.size(), MSG_NOSIGNAL);
    }
    if (pending.size() > 4096) pending.clear();  // no newline in sight: not an admin message
  }
}

}  // namespace

std::string CoreSpec::title() const {
  switch (role) {
    case CoreRole::fifo_reader: return "heartbeatd: FIFO reader";
    case CoreRole::medium_reader: return "heartbeatd: read: " + config::medium_name(medium);
    case CoreRole::medium_writer: return "heartbeatd: write: " + config::medium_name(medium);
  }
  return "heartbeatd";
}

std::string_view CoreSpec::short_name() const {
  switch (role) {
    case CoreRole::fifo_reader: return "HBFIFO";
    case CoreRole::medium_reader: return "HBREAD";
    case CoreRole::medium_writer: return "HBWRITE";
  }
  return "HB";
}

Result<CoreHandle> start_core_process(const CoreSpec& spec, ProcessTitle& title,
                                      const LogSettings& log_settings, MonoTime now) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
    return Status::from_errno("socketpair for " + spec.title());
  UniqueFd mcp_end(pair[0]);
  UniqueFd child_end(pair[1]);
  // Bigger buffers ride out a burst (a 5 MB message is ~4,500 datagrams).
  int size = 4 << 20;
  for (int fd : {pair[0], pair[1]}) {
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
  }
  pid_t pid = ::fork();
  if (pid < 0) return Status::from_errno("fork for " + spec.title());
  if (pid == 0) {
    // Keep only the channel (as fd 3) and stdio: the MCP's sockets, pidfds and IPC are not ours.
    if (::dup2(child_end.get(), 3) < 0) ::_exit(1);
    ::syscall(SYS_close_range, 4U, ~0U, 0U);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, SIG_IGN);
    ::signal(SIGPIPE, SIG_IGN);
    title.set(spec.title());
    LogSettings settings = log_settings;
    settings.pid = ::getpid();
    RealClock clock;
    Logger log(settings, clock);
    switch (spec.role) {
      case CoreRole::medium_reader: run_reader(spec, 3, log);
      case CoreRole::medium_writer: run_writer(spec, 3, log);
      case CoreRole::fifo_reader: run_fifo_reader(spec, 3, log);
    }
    ::_exit(1);
  }
  child_end.reset();
  ::fcntl(mcp_end.get(), F_SETFL, ::fcntl(mcp_end.get(), F_GETFL) | O_NONBLOCK);
  return CoreHandle{pid, std::move(mcp_end), spec, now};
}

}  // namespace pacer::heartbeat
