// Timers: the seam through which the ResourceManager waits (start-delay, recurring intervals,
// deferring a result until after a reply). main() passes EventLoopTimers; tests pass QueueTimers
// over a TimerQueue driven by a FakeClock, so nothing sleeps.
#pragma once

#include <functional>

#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "common/ipc/timer_queue.h"

namespace pacer::lrmd {

using ipc::TimerId;

class Timers {
 public:
  virtual ~Timers() = default;
  virtual TimerId add(Millis delay, std::function<void()> callback) = 0;
  virtual void cancel(TimerId id) = 0;
};

class EventLoopTimers final : public Timers {
 public:
  explicit EventLoopTimers(ipc::EventLoop& loop) : loop_(loop) {}
  TimerId add(Millis delay, std::function<void()> callback) override {
    return loop_.add_timer(delay, std::move(callback));
  }
  void cancel(TimerId id) override { loop_.cancel_timer(id); }

 private:
  ipc::EventLoop& loop_;
};

class QueueTimers final : public Timers {
 public:
  explicit QueueTimers(ipc::TimerQueue& queue) : queue_(queue) {}
  TimerId add(Millis delay, std::function<void()> callback) override {
    return queue_.add_once(delay, std::move(callback));
  }
  void cancel(TimerId id) override { queue_.cancel(id); }

 private:
  ipc::TimerQueue& queue_;
};

}  // namespace pacer::lrmd
