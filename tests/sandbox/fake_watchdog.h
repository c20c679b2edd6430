// FakeWatchdog: the harness's stand-in for a node's /dev/watchdog (there is no softdog here).
//
// The node's /dev/watchdog is a FIFO; the harness reads it through /proc/<init>/root. Like the
// kernel driver without nowayout: the first byte written arms it, every write feeds it, and when the
// writer closes after writing 'V' (the magic close) it is disarmed; a close without 'V' leaves it
// running. When armed and not fed for `timeout`, expired() is true and the harness resets the node.
// Differences from the kernel: arming happens on the first write rather than on open (a FIFO open is
// not observable), and there are no ioctls (WDIOC_KEEPALIVE etc. fail with ENOTTY on a FIFO).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer::sandbox {

// The pure state machine, unit-tested.
class WatchdogState {
 public:
  using Clock = std::chrono::steady_clock;
  explicit WatchdogState(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  void written(std::string_view bytes, Clock::time_point now);
  void writer_closed();
  bool armed() const { return armed_; }
  std::optional<Clock::time_point> deadline() const;
  bool expired(Clock::time_point now) const { return armed_ && now >= last_feed_ + timeout_; }
  void reset() { armed_ = magic_ = false; }

 private:
  std::chrono::milliseconds timeout_;
  bool armed_ = false;
  bool magic_ = false;  // the last byte written was 'V'
  Clock::time_point last_feed_{};
};

class FakeWatchdog {
 public:
  explicit FakeWatchdog(std::chrono::milliseconds timeout) : state_(timeout) {}

  // Opens the FIFO (non-blocking read end); the state starts disarmed.
  Status attach(std::filesystem::path fifo);
  void detach();
  int fd() const { return fd_.get(); }
  // Drains the FIFO; on EOF (every writer closed) applies the close and reopens, since a FIFO
  // read end that has seen a writer go reports POLLHUP forever.
  void on_readable(WatchdogState::Clock::time_point now);
  const WatchdogState& state() const { return state_; }

 private:
  WatchdogState state_;
  std::filesystem::path fifo_;
  UniqueFd fd_;
};

}  // namespace pacer::sandbox
