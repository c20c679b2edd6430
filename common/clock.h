// Clock: the seam through which pacer reads time. main() uses RealClock; tests use FakeClock
// (tests/support/fake_clock.h) and advance it instead of sleeping.
#pragma once

#include <chrono>

namespace pacer {

using MonoTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  // For deadlines and intervals: never jumps.
  virtual MonoTime monotonic() const = 0;
  // For what people read: log time stamps, last-failure, CIB dates.
  virtual WallTime wall() const = 0;
};

class RealClock final : public Clock {
 public:
  MonoTime monotonic() const override { return std::chrono::steady_clock::now(); }
  WallTime wall() const override { return std::chrono::system_clock::now(); }
};

}  // namespace pacer
