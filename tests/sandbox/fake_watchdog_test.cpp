// Unit tests of the fake watchdog's state machine (arming, feeding, magic close).
#include <catch2/catch.hpp>

#include "tests/sandbox/fake_watchdog.h"

using namespace pacer::sandbox;
using namespace std::chrono_literals;

TEST_CASE("a fed watchdog does not expire, a starved one does") {
  WatchdogState w(1000ms);
  auto t0 = WatchdogState::Clock::time_point{} + 10s;
  CHECK(!w.armed());
  CHECK(!w.expired(t0 + 1h));
  w.written("x", t0);
  CHECK(w.armed());
  w.written("x", t0 + 900ms);
  CHECK(!w.expired(t0 + 1800ms));
  CHECK(w.expired(t0 + 1900ms));
}

TEST_CASE("magic close disarms; a plain close keeps it running") {
  WatchdogState w(1000ms);
  auto t0 = WatchdogState::Clock::time_point{} + 10s;
  w.written("xV", t0);
  w.writer_closed();
  CHECK(!w.armed());
  w.written("x", t0);
  w.writer_closed();
  CHECK(w.armed());
  CHECK(w.expired(t0 + 1s));
  w.written("Vx", t0);  // 'V' must be the last byte before the close
  w.writer_closed();
  CHECK(w.armed());
}
