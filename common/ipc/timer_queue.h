// TimerQueue: one-shot and repeating timers as pure bookkeeping over the Clock seam. The event loop
// asks it how long it may sleep and tells it when to fire; tests drive it with a fake clock and no
// sleeping at all.
//
// Not thread-safe: one queue belongs to one loop thread. Callbacks may add and cancel timers,
// including the one that is firing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "common/clock.h"

namespace pacer::ipc {

using TimerId = std::uint64_t;

class TimerQueue {
 public:
  using Callback = std::function<void()>;

  explicit TimerQueue(const Clock& clock) : clock_(clock) {}
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  // Fires once, `delay` from now. Returns an id for cancel(); ids are never reused.
  TimerId add_once(Millis delay, Callback callback);
  // Fires every `interval` from now on until cancelled. A repeating timer that falls behind (the
  // loop was busy) fires once and then keeps its rhythm from the current time, not in a burst.
  TimerId add_repeating(Millis interval, Callback callback);
  // Returns false if the timer had already fired (one-shot) or was cancelled.
  bool cancel(TimerId id);

  // The earliest deadline, if any timer is pending.
  std::optional<MonoTime> next_deadline() const;
  // Time until the earliest deadline (zero if it has passed); nullopt when nothing is pending.
  std::optional<Millis> time_to_next() const;
  // Fires every timer due at clock.monotonic(), earliest deadline first, ties in the order they were
  // added. Timers added by the callbacks wait for the next call, even with a zero delay, so this
  // always ends. Returns how many fired.
  std::size_t run_due();

  std::size_t size() const { return timers_.size(); }

 private:
  struct Timer {
    Callback callback;
    std::optional<Millis> interval;
    MonoTime deadline;
    std::uint64_t sequence;
  };
  using Key = std::pair<MonoTime, std::uint64_t>;  // (deadline, sequence): a total, stable order

  TimerId add(Millis delay, std::optional<Millis> interval, Callback callback);
  void schedule(TimerId id, Timer& timer, MonoTime deadline);

  const Clock& clock_;
  std::unordered_map<TimerId, Timer> timers_;
  std::map<Key, TimerId> order_;
  TimerId next_id_ = 1;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace pacer::ipc
