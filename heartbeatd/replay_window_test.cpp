#include "heartbeatd/replay_window.h"

#include <catch2/catch.hpp>

using namespace pacer::heartbeat;

TEST_CASE("copies of a packet from other media are duplicates") {
  ReplayWindow w;
  CHECK(w.check_and_record(5, 1, 0) == Freshness::fresh);
  CHECK(w.check_and_record(5, 1, 1) == Freshness::duplicate);
  CHECK(w.check_and_record(5, 2, 1) == Freshness::fresh);
  CHECK(w.check_and_record(5, 2, 0) == Freshness::duplicate);
}

TEST_CASE("the same packet twice on one medium is a replay") {
  ReplayWindow w;
  CHECK(w.check_and_record(5, 1, 0) == Freshness::fresh);
  CHECK(w.check_and_record(5, 1, 0) == Freshness::replayed);
  CHECK(w.check_and_record(5, 2, 0) == Freshness::fresh);
  CHECK(w.check_and_record(5, 1, 1) == Freshness::duplicate);
  CHECK(w.check_and_record(5, 1, 1) == Freshness::replayed);
}

TEST_CASE("a packet overtaken on a faster medium is still fresh") {
  ReplayWindow w;
  CHECK(w.check_and_record(1, 10, 0) == Freshness::fresh);
  CHECK(w.check_and_record(1, 12, 0) == Freshness::fresh);
  CHECK(w.check_and_record(1, 11, 1) == Freshness::fresh);
  CHECK(w.check_and_record(1, 11, 0) == Freshness::duplicate);
}

TEST_CASE("old generations and packets older than the window are replays") {
  ReplayWindow w;
  CHECK(w.check_and_record(7, 100, 0) == Freshness::fresh);
  CHECK(w.check_and_record(6, 5000, 0) == Freshness::replayed);
  CHECK(w.check_and_record(7, 100 + ReplayWindow::kWindow, 0) == Freshness::fresh);
  CHECK(w.check_and_record(7, 100, 1) == Freshness::replayed);
  CHECK(w.check_and_record(7, 101, 0) == Freshness::fresh);  // just inside the window, never seen
}

TEST_CASE("a restarted sender starts a new generation from any number") {
  ReplayWindow w;
  CHECK(w.check_and_record(1, 500, 0) == Freshness::fresh);
  CHECK(w.check_and_record(2, 1, 0) == Freshness::fresh);
  CHECK(w.generation() == 2);
  CHECK(w.check_and_record(1, 501, 0) == Freshness::replayed);
}

TEST_CASE("a jump beyond the window forgets what was seen before") {
  ReplayWindow w;
  CHECK(w.check_and_record(1, 1, 0) == Freshness::fresh);
  CHECK(w.check_and_record(1, 1 + 3 * ReplayWindow::kWindow, 0) == Freshness::fresh);
  CHECK(w.check_and_record(1, 2 + 2 * ReplayWindow::kWindow, 0) == Freshness::fresh);
}
