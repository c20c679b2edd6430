// EventLoop: the single-threaded main loop of a pacer daemon or tool: file-descriptor watches
// (epoll), timers (TimerQueue over the Clock seam), signals (signalfd) and deferred calls.
// IpcServer and IpcClient run their libqb connections in it.
//
// Threading: everything except stop() must be called on the thread that runs the loop.
// Callbacks may add and remove watches, timers and signals, including their own.
#pragma once

#include <sys/signalfd.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>

#include "common/clock.h"
#include "common/ipc/timer_queue.h"
#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer::ipc {

class EventLoop {
 public:
  // `revents` uses poll(2) bits (POLLIN, POLLOUT, POLLHUP, POLLERR, POLLPRI), which epoll shares.
  using FdCallback = std::function<void(int fd, std::uint32_t revents)>;
  using SignalCallback = std::function<void(const signalfd_siginfo&)>;

  // `clock` must outlive the loop.
  static Result<std::unique_ptr<EventLoop>> create(const Clock& clock);
  struct Private {
    explicit Private() = default;
  };
  EventLoop(Private, const Clock& clock, UniqueFd epoll, UniqueFd wakeup);  // use create()
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Calls `callback` when `fd` has any of `events` (POLLIN/POLLOUT/POLLPRI; errors and hang-ups are
  // always reported). One watch per fd; the caller keeps ownership of the fd and must unwatch it
  // before closing it.
  Status watch_fd(int fd, std::uint32_t events, FdCallback callback);
  Status modify_fd(int fd, std::uint32_t events);
  // No-op for an fd that is not watched.
  void unwatch_fd(int fd);
  bool is_watched(int fd) const { return fds_.contains(fd); }

  TimerId add_timer(Millis delay, TimerQueue::Callback callback) {
    return timers_.add_once(delay, std::move(callback));
  }
  TimerId add_repeating_timer(Millis interval, TimerQueue::Callback callback) {
    return timers_.add_repeating(interval, std::move(callback));
  }
  bool cancel_timer(TimerId id) { return timers_.cancel(id); }

  // Blocks `signo` for this thread (so it is delivered only through the loop) and calls `callback`
  // when it arrives. Threads started afterwards inherit the blocked mask, which is what a daemon
  // wants: the signal reaches the loop and nothing else.
  Status on_signal(int signo, SignalCallback callback);

  // Runs `call` on the next loop iteration, before waiting for events. For work that must not run
  // inside the current callback (closing a connection from its own message handler).
  void defer(std::function<void()> call) { deferred_.push_back(std::move(call)); }

  // Runs until stop(); returns an error only if waiting for events fails.
  Status run();
  // One iteration: deferred calls, then waits at most `max_wait` (or until the next timer) for
  // events, dispatches them and fires due timers. Tests use this to step the loop.
  Status run_once(Millis max_wait);
  // Makes run() return after the current iteration. The only call that is safe from another thread
  // (or a signal handler's thread).
  void stop();

  const Clock& clock() const { return clock_; }

 private:
  struct Watch {
    std::uint64_t serial;  // tells a new watch of a reused fd number from the old one
    FdCallback callback;
  };

  void run_deferred();
  void drain_signals();

  const Clock& clock_;
  UniqueFd epoll_;
  UniqueFd wakeup_;  // eventfd: stop() from another thread interrupts epoll_wait
  UniqueFd signal_fd_;
  sigset_t signal_mask_;
  TimerQueue timers_;
  std::unordered_map<int, std::shared_ptr<Watch>> fds_;
  std::unordered_map<int, SignalCallback> signals_;
  std::deque<std::function<void()>> deferred_;
  std::uint64_t next_serial_ = 1;
  std::atomic<bool> stop_requested_{false};
};

}  // namespace pacer::ipc
