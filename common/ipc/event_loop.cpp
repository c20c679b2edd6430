// EventLoop on epoll. Watches are looked up by fd at dispatch time, and carry a serial number in the
// epoll data, so a callback may remove (or replace) any watch, even one whose event is already in
// the batch being dispatched.
#include "common/ipc/event_loop.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include <fmt/format.h>

namespace pacer::ipc {
namespace {

constexpr std::uint32_t kAlwaysReported = EPOLLERR | EPOLLHUP;

std::uint64_t pack(int fd, std::uint64_t serial) {
  return (serial << 32) | static_cast<std::uint32_t>(fd);
}

}  // namespace

Result<std::unique_ptr<EventLoop>> EventLoop::create(const Clock& clock) {
  UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll) return Status::from_errno("epoll_create1");
  UniqueFd wakeup(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wakeup) return Status::from_errno("eventfd");
  auto loop = std::make_unique<EventLoop>(Private(), clock, std::move(epoll), std::move(wakeup));
  const int wakeup_fd = loop->wakeup_.get();
  Status watched = loop->watch_fd(wakeup_fd, POLLIN, [wakeup_fd](int, std::uint32_t) {
    std::uint64_t count;
    // Only the wake-up matters; a failed read (nothing pending) is harmless.
    [[maybe_unused]] ssize_t n = ::read(wakeup_fd, &count, sizeof count);
  });
  if (!watched) return watched;
  return loop;
}

EventLoop::EventLoop(Private, const Clock& clock, UniqueFd epoll, UniqueFd wakeup)
    : clock_(clock), epoll_(std::move(epoll)), wakeup_(std::move(wakeup)), timers_(clock) {
  sigemptyset(&signal_mask_);
}

EventLoop::~EventLoop() = default;

Status EventLoop::watch_fd(int fd, std::uint32_t events, FdCallback callback) {
  if (fds_.contains(fd)) return Status::error(fmt::format("fd {} is already watched", fd));
  auto watch = std::make_shared<Watch>(Watch{next_serial_++, std::move(callback)});
  epoll_event event{};
  event.events = events | kAlwaysReported;
  event.data.u64 = pack(fd, watch->serial);
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event) != 0)
    return Status::from_errno(fmt::format("epoll_ctl(ADD, fd {})", fd));
  fds_.emplace(fd, std::move(watch));
  return Status::ok();
}

Status EventLoop::modify_fd(int fd, std::uint32_t events) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return Status::error(fmt::format("fd {} is not watched", fd));
  epoll_event event{};
  event.events = events | kAlwaysReported;
  event.data.u64 = pack(fd, it->second->serial);
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &event) != 0)
    return Status::from_errno(fmt::format("epoll_ctl(MOD, fd {})", fd));
  return Status::ok();
}

void EventLoop::unwatch_fd(int fd) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return;
  // Fails only if the fd was closed already, which removed it from the epoll set anyway.
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  fds_.erase(it);
}

Status EventLoop::on_signal(int signo, SignalCallback callback) {
  sigset_t mask = signal_mask_;
  sigaddset(&mask, signo);
  if (int rc = ::pthread_sigmask(SIG_BLOCK, &mask, nullptr); rc != 0)
    return Status::from_errno("pthread_sigmask", rc);
  const int fd = ::signalfd(signal_fd_ ? signal_fd_.get() : -1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) return Status::from_errno(fmt::format("signalfd for signal {}", signo));
  if (!signal_fd_) {
    signal_fd_.reset(fd);
    if (Status s = watch_fd(fd, POLLIN, [this](int, std::uint32_t) { drain_signals(); }); !s) return s;
  }
  signal_mask_ = mask;
  signals_[signo] = std::move(callback);
  return Status::ok();
}

void EventLoop::drain_signals() {
  signalfd_siginfo info;
  while (::read(signal_fd_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    auto it = signals_.find(static_cast<int>(info.ssi_signo));
    if (it == signals_.end()) continue;
    SignalCallback callback = it->second;  // a copy: the callback may replace its own entry
    callback(info);
  }
}

void EventLoop::run_deferred() {
  // Only the calls queued so far: a deferred call that defers again runs on the next iteration.
  std::deque<std::function<void()>> batch;
  batch.swap(deferred_);
  for (auto& call : batch) call();
}

Status EventLoop::run_once(Millis max_wait) {
  run_deferred();

  int timeout_ms = max_wait.count() < 0 ? -1 : static_cast<int>(max_wait.count());
  if (std::optional<Millis> next = timers_.time_to_next()) {
    const int timer_ms = static_cast<int>(next->count());
    if (timeout_ms < 0 || timer_ms < timeout_ms) timeout_ms = timer_ms;
  }
  if (!deferred_.empty()) timeout_ms = 0;

  std::array<epoll_event, 64> events;
  const int n = ::epoll_wait(epoll_.get(), events.data(), static_cast<int>(events.size()), timeout_ms);
  if (n < 0 && errno != EINTR) return Status::from_errno("epoll_wait");
  for (int i = 0; i < n; ++i) {
    const int fd = static_cast<int>(events[i].data.u64 & 0xffffffffu);
    const std::uint64_t serial = events[i].data.u64 >> 32;
    auto it = fds_.find(fd);
    if (it == fds_.end() || (it->second->serial & 0xffffffffu) != serial) continue;  // removed
    std::shared_ptr<Watch> watch = it->second;  // keeps the callback alive if it unwatches itself
    watch->callback(fd, events[i].events);
  }

  timers_.run_due();
  return Status::ok();
}

Status EventLoop::run() {
  while (!stop_requested_.load()) {
    if (Status s = run_once(Millis(-1)); !s) return s;
  }
  stop_requested_.store(false);
  return Status::ok();
}

void EventLoop::stop() {
  stop_requested_.store(true);
  const std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wakeup_.get(), &one, sizeof one);
}

}  // namespace pacer::ipc
