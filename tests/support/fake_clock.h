// FakeClock: time that moves only when a test says so.
#pragma once

#include "common/clock.h"

namespace pacer {

class FakeClock final : public Clock {
 public:
  // Starts at an arbitrary fixed point: 2011-07-11 18:53:34 UTC, the seed's demo day.
  FakeClock() : wall_(std::chrono::seconds(1310410414)) {}

  MonoTime monotonic() const override { return mono_; }
  WallTime wall() const override { return wall_; }
  void advance(Millis by) {
    mono_ += by;
    wall_ += by;
  }
  void set_wall(WallTime t) { wall_ = t; }

 private:
  MonoTime mono_{};
  WallTime wall_;
};

}  // namespace pacer
