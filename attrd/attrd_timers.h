// The timer seam of attrd's dampening (and of the node daemons' batching): the daemon passes timers
// on its EventLoop, tests a TimerQueue driven by a FakeClock, so no test sleeps.
#pragma once

#include <functional>

#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "common/ipc/timer_queue.h"

namespace pacer::attrd {

class Timers {
 public:
  virtual ~Timers() = default;
  virtual ipc::TimerId start(Millis delay, std::function<void()> callback) = 0;
  virtual void cancel(ipc::TimerId id) = 0;
};

class LoopTimers final : public Timers {
 public:
  explicit LoopTimers(ipc::EventLoop& loop) : loop_(loop) {}
  ipc::TimerId start(Millis delay, std::function<void()> callback) override {
    return loop_.add_timer(delay, std::move(callback));
  }
  void cancel(ipc::TimerId id) override { loop_.cancel_timer(id); }

 private:
  ipc::EventLoop& loop_;
};

class QueueTimers final : public Timers {
 public:
  explicit QueueTimers(ipc::TimerQueue& queue) : queue_(queue) {}
  ipc::TimerId start(Millis delay, std::function<void()> callback) override {
    return queue_.add_once(delay, std::move(callback));
  }
  void cancel(ipc::TimerId id) override { queue_.cancel(id); }

 private:
  ipc::TimerQueue& queue_;
};

}  // namespace pacer::attrd
