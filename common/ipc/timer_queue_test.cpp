// Tests of TimerQueue driven by a hand-advanced clock: order, repetition, cancellation.
#include "common/ipc/timer_queue.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace pacer::ipc {
namespace {

// A clock that moves only when told to.
class ManualClock final : public Clock {
 public:
  MonoTime monotonic() const override { return now_; }
  WallTime wall() const override { return WallTime{} + (now_ - MonoTime{}); }
  void advance(Millis by) { now_ += by; }

 private:
  MonoTime now_{};
};

}  // namespace

TEST_CASE("timers fire in deadline order, ties in the order they were added", "[ipc][timer]") {
  ManualClock clock;
  TimerQueue queue(clock);
  std::vector<std::string> fired;
  queue.add_once(Millis(30), [&] { fired.push_back("c"); });
  queue.add_once(Millis(10), [&] { fired.push_back("a"); });
  queue.add_once(Millis(20), [&] { fired.push_back("b1"); });
  queue.add_once(Millis(20), [&] { fired.push_back("b2"); });

  CHECK(queue.time_to_next() == Millis(10));
  CHECK(queue.run_due() == 0);
  clock.advance(Millis(20));
  CHECK(queue.run_due() == 3);
  CHECK(fired == std::vector<std::string>{"a", "b1", "b2"});
  CHECK(queue.time_to_next() == Millis(10));
  clock.advance(Millis(100));
  CHECK(queue.run_due() == 1);
  CHECK(fired.back() == "c");
  CHECK(queue.size() == 0);
  CHECK_FALSE(queue.time_to_next());
}

TEST_CASE("a repeating timer keeps its rhythm and does not burst after a stall", "[ipc][timer]") {
  ManualClock clock;
  TimerQueue queue(clock);
  int count = 0;
  TimerId id = queue.add_repeating(Millis(10), [&] { ++count; });
  clock.advance(Millis(10));
  queue.run_due();
  clock.advance(Millis(10));
  queue.run_due();
  CHECK(count == 2);
  clock.advance(Millis(55));  // the loop was busy for five periods
  CHECK(queue.run_due() == 1);
  CHECK(count == 3);
  CHECK(queue.time_to_next() == Millis(10));
  CHECK(queue.cancel(id));
  clock.advance(Millis(100));
  CHECK(queue.run_due() == 0);
  CHECK(count == 3);
}

TEST_CASE("callbacks may cancel timers, including their own", "[ipc][timer]") {
  ManualClock clock;
  TimerQueue queue(clock);
  int self_count = 0;
  bool other_fired = false;
  TimerId other = 0;
  TimerId self = 0;
  self = queue.add_repeating(Millis(5), [&] {
    ++self_count;
    queue.cancel(self);
    queue.cancel(other);
  });
  other = queue.add_once(Millis(5), [&] { other_fired = true; });
  clock.advance(Millis(5));
  queue.run_due();
  clock.advance(Millis(50));
  queue.run_due();
  CHECK(self_count == 1);
  CHECK_FALSE(other_fired);
  CHECK_FALSE(queue.cancel(self));
  CHECK(queue.size() == 0);
}

TEST_CASE("a timer added by a callback waits for the next pass, even with zero delay", "[ipc][timer]") {
  ManualClock clock;
  TimerQueue queue(clock);
  int chained = 0;
  std::function<void()> again = [&] {
    ++chained;
    queue.add_once(Millis(0), again);
  };
  queue.add_once(Millis(0), again);
  CHECK(queue.run_due() == 1);
  CHECK(queue.run_due() == 1);
  CHECK(chained == 2);
}

TEST_CASE("cancelling an unknown or fired timer reports false", "[ipc][timer]") {
  ManualClock clock;
  TimerQueue queue(clock);
  TimerId id = queue.add_once(Millis(1), [] {});
  clock.advance(Millis(1));
  queue.run_due();
  CHECK_FALSE(queue.cancel(id));
  CHECK_FALSE(queue.cancel(9999));
}

}  // namespace pacer::ipc
