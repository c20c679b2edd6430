#include "heartbeatd/watchdog_device.h"

#include <fcntl.h>
#include <linux/watchdog.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace pacer::heartbeat {

Result<WatchdogDevice> WatchdogDevice::open(const std::string& device, std::chrono::seconds timeout) {
  // Non-blocking: a FIFO without a reader must fail now, not hang the MCP's start.
  UniqueFd fd(::open(device.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
  if (!fd) return Status::from_errno("Cannot open watchdog device " + device);
  int seconds = static_cast<int>(timeout.count());
  if (seconds > 0) (void)::ioctl(fd.get(), WDIOC_SETTIMEOUT, &seconds);
  return WatchdogDevice(device, std::move(fd));
}

void WatchdogDevice::feed() {
  if (!fd_) return;
  ssize_t ignored = ::write(fd_.get(), "k", 1);
  (void)ignored;
}

void WatchdogDevice::disarm() {
  if (!fd_) return;
  ssize_t ignored = ::write(fd_.get(), "V", 1);
  (void)ignored;
  fd_.reset();
}

}  // namespace pacer::heartbeat
