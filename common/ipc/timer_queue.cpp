// TimerQueue: deadlines kept in an ordered map keyed by (deadline, sequence) so that firing order is
// deterministic, which is what makes timer-driven logic testable with a fake clock.
#include "common/ipc/timer_queue.h"

#include <algorithm>
#include <chrono>

namespace pacer::ipc {

TimerId TimerQueue::add_once(Millis delay, Callback callback) {
  return add(delay, std::nullopt, std::move(callback));
}

TimerId TimerQueue::add_repeating(Millis interval, Callback callback) {
  // A zero interval would make the timer due on every pass forever; one millisecond is the floor.
  return add(interval, std::max(interval, Millis(1)), std::move(callback));
}

TimerId TimerQueue::add(Millis delay, std::optional<Millis> interval, Callback callback) {
  const TimerId id = next_id_++;
  Timer& timer = timers_[id];
  timer.callback = std::move(callback);
  timer.interval = interval;
  schedule(id, timer, clock_.monotonic() + std::max(delay, Millis(0)));
  return id;
}

void TimerQueue::schedule(TimerId id, Timer& timer, MonoTime deadline) {
  timer.deadline = deadline;
  timer.sequence = next_sequence_++;
  order_.emplace(Key{deadline, timer.sequence}, id);
}

bool TimerQueue::cancel(TimerId id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return false;
  order_.erase(Key{it->second.deadline, it->second.sequence});
  timers_.erase(it);
  return true;
}

std::optional<MonoTime> TimerQueue::next_deadline() const {
  if (order_.empty()) return std::nullopt;
  return order_.begin()->first.first;
}

std::optional<Millis> TimerQueue::time_to_next() const {
  std::optional<MonoTime> deadline = next_deadline();
  if (!deadline) return std::nullopt;
  const auto left = *deadline - clock_.monotonic();
  if (left <= MonoTime::duration::zero()) return Millis(0);
  // Round up: waking a little late is harmless, waking early means a useless extra pass.
  return std::chrono::ceil<Millis>(left);
}

std::size_t TimerQueue::run_due() {
  const MonoTime now = clock_.monotonic();
  const std::uint64_t added_before = next_sequence_;
  std::size_t fired = 0;
  while (!order_.empty()) {
    auto first = order_.begin();
    if (first->first.first > now) break;
    // Rescheduled or added during this pass: leave for the next one. Entries are ordered by
    // deadline first, so look for an older entry that is also due before giving up.
    auto it = first;
    while (it != order_.end() && it->first.first <= now && it->first.second >= added_before) ++it;
    if (it == order_.end() || it->first.first > now) break;

    const TimerId id = it->second;
    order_.erase(it);
    Timer& timer = timers_.at(id);
    Callback callback;
    if (timer.interval) {
      // Reschedule before running so that the callback may cancel its own timer.
      MonoTime next = timer.deadline + *timer.interval;
      if (next <= now) next = now + *timer.interval;
      schedule(id, timer, next);
      callback = timer.callback;  // a copy: the callback may cancel and so destroy the original
    } else {
      callback = std::move(timer.callback);
      timers_.erase(id);
    }
    ++fired;
    callback();
  }
  return fired;
}

}  // namespace pacer::ipc
