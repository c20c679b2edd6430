// The hardware watchdog of ha.cf's `watchdog` directive: opened at start, fed while the master
// control process is alive and hearing its own heartbeat, closed with the magic 'V' on an orderly
// shutdown. If the MCP dies or hangs, nobody feeds it and the machine resets. A device that
// cannot be opened is an ERROR in the log, not a reason to stop (Heartbeat did the same).
#pragma once

#include <chrono>
#include <string>

#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer::heartbeat {

class WatchdogDevice {
 public:
  // Opens `device`; tries to set `timeout` (a FIFO stand-in has no ioctl: that is not an error).
  static Result<WatchdogDevice> open(const std::string& device, std::chrono::seconds timeout);

  void feed();
  // Magic close: the driver disarms instead of resetting.
  void disarm();
  const std::string& device() const { return device_; }

 private:
  WatchdogDevice(std::string device, UniqueFd fd) : device_(std::move(device)), fd_(std::move(fd)) {}
  std::string device_;
  UniqueFd fd_;
};

}  // namespace pacer::heartbeat
