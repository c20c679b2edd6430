// Tests of EventLoop: fd watches, timers, deferred calls, signals and a cross-thread stop.
#include "common/ipc/event_loop.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

#include <catch2/catch.hpp>

namespace pacer::ipc {
namespace {

std::unique_ptr<EventLoop> make_loop(const Clock& clock) {
  Result<std::unique_ptr<EventLoop>> loop = EventLoop::create(clock);
  REQUIRE(loop);
  return std::move(loop).value();
}

// Steps the loop until `done` or a generous bound of iterations: never relies on timing.
template <typename Pred>
bool step_until(EventLoop& loop, Pred done) {
  for (int i = 0; i < 500 && !done(); ++i) REQUIRE(loop.run_once(Millis(10)));
  return done();
}

}  // namespace

TEST_CASE("a watched fd calls back when readable, and not after unwatch", "[ipc][loop]") {
  RealClock clock;
  auto loop = make_loop(clock);
  Result<PipePair> pipe = make_pipe();
  REQUIRE(pipe);
  const int rd = pipe->read_end.get();
  int calls = 0;
  REQUIRE(loop->watch_fd(rd, POLLIN, [&](int fd, std::uint32_t revents) {
    CHECK(fd == rd);
    CHECK((revents & POLLIN) != 0);
    char c;
    CHECK(::read(fd, &c, 1) == 1);
    ++calls;
  }));
  CHECK_FALSE(loop->watch_fd(rd, POLLIN, [](int, std::uint32_t) {}));  // one watch per fd

  REQUIRE(::write(pipe->write_end.get(), "x", 1) == 1);
  CHECK(step_until(*loop, [&] { return calls == 1; }));
  loop->unwatch_fd(rd);
  REQUIRE(::write(pipe->write_end.get(), "y", 1) == 1);
  REQUIRE(loop->run_once(Millis(0)));
  CHECK(calls == 1);
}

TEST_CASE("a callback may unwatch itself", "[ipc][loop]") {
  RealClock clock;
  auto loop = make_loop(clock);
  Result<PipePair> pipe = make_pipe();
  REQUIRE(pipe);
  const int rd = pipe->read_end.get();
  int calls = 0;
  REQUIRE(loop->watch_fd(rd, POLLIN, [&](int fd, std::uint32_t) {
    ++calls;
    loop->unwatch_fd(fd);
  }));
  REQUIRE(::write(pipe->write_end.get(), "x", 1) == 1);
  CHECK(step_until(*loop, [&] { return calls == 1; }));
  REQUIRE(loop->run_once(Millis(0)));
  CHECK(calls == 1);
  CHECK_FALSE(loop->is_watched(rd));
}

TEST_CASE("timers and deferred calls run from the loop", "[ipc][loop]") {
  RealClock clock;
  auto loop = make_loop(clock);
  std::vector<int> order;
  loop->add_timer(Millis(1), [&] { order.push_back(2); });
  loop->defer([&] { order.push_back(1); });
  int ticks = 0;
  TimerId repeating = loop->add_repeating_timer(Millis(1), [&] { ++ticks; });
  CHECK(step_until(*loop, [&] { return order.size() == 2 && ticks >= 3; }));
  CHECK(order == std::vector<int>{1, 2});
  CHECK(loop->cancel_timer(repeating));
}

TEST_CASE("signals arrive through the loop", "[ipc][loop]") {
  RealClock clock;
  auto loop = make_loop(clock);
  int got = 0;
  REQUIRE(loop->on_signal(SIGUSR2, [&](const signalfd_siginfo& info) { got = static_cast<int>(info.ssi_signo); }));
  REQUIRE(::pthread_kill(::pthread_self(), SIGUSR2) == 0);  // blocked: waits in the signalfd
  CHECK(step_until(*loop, [&] { return got != 0; }));
  CHECK(got == SIGUSR2);
}

TEST_CASE("stop() from another thread ends run()", "[ipc][loop]") {
  RealClock clock;
  auto loop = make_loop(clock);
  std::thread stopper([&] { loop->stop(); });
  REQUIRE(loop->run());  // returns whether stop() came before or during run()
  stopper.join();
}

}  // namespace pacer::ipc
