// The fake watchdog's state machine and FIFO reading.
#include "tests/sandbox/fake_watchdog.h"

#include <fcntl.h>
#include <unistd.h>

namespace pacer::sandbox {

void WatchdogState::written(std::string_view bytes, Clock::time_point now) {
  if (bytes.empty()) return;
  armed_ = true;
  last_feed_ = now;
  magic_ = bytes.back() == 'V';
}

void WatchdogState::writer_closed() {
  if (magic_) armed_ = false;
  magic_ = false;
}

std::optional<WatchdogState::Clock::time_point> WatchdogState::deadline() const {
  if (!armed_) return std::nullopt;
  return last_feed_ + timeout_;
}

Status FakeWatchdog::attach(std::filesystem::path fifo) {
  fifo_ = std::move(fifo);
  state_.reset();
  fd_.reset(open(fifo_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!fd_) return Status::from_errno("opening watchdog " + fifo_.string());
  return Status::ok();
}

void FakeWatchdog::detach() {
  fd_.reset();
  state_.reset();
}

void FakeWatchdog::on_readable(WatchdogState::Clock::time_point now) {
  char buf[256];
  for (;;) {
    ssize_t n = read(fd_.get(), buf, sizeof buf);
    if (n > 0) {
      state_.written(std::string_view(buf, static_cast<size_t>(n)), now);
      continue;
    }
    if (n == 0) {
      state_.writer_closed();
      fd_.reset(open(fifo_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    }
    return;  // EAGAIN: drained
  }
}

}  // namespace pacer::sandbox
