// diskd's retries on a fake clock: ERROR only after every try failed, and how long a round takes.
#include "agents/disk_round.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_clock.h"

namespace pacer::agents {
namespace {

TEST_CASE("a passing check is normal at once", "[diskd]") {
  FakeClock clock;
  auto r = disk_round([] { return Status::ok(); }, [&](Millis m) { clock.advance(m); }, {1, Millis(5000)});
  CHECK(r.status == DiskStatus::normal);
  CHECK(r.attempts == 1);
  CHECK(clock.monotonic() == MonoTime{});
}

TEST_CASE("a failing check is retried, then ERROR", "[diskd]") {
  FakeClock clock;
  int tries = 0;
  auto failing = [&] {
    ++tries;
    return Status::error("read /dev/internal: Is a directory");
  };
  auto r = disk_round(failing, [&](Millis m) { clock.advance(m); }, {2, Millis(5000)});
  CHECK(r.status == DiskStatus::error);
  CHECK(tries == 3);
  CHECK(r.last_error == "read /dev/internal: Is a directory");
  CHECK(clock.monotonic() - MonoTime{} == Millis(10000));
}

TEST_CASE("a check that recovers on a retry is normal", "[diskd]") {
  FakeClock clock;
  int tries = 0;
  auto r = disk_round([&] { return ++tries < 2 ? Status::error("EIO") : Status::ok(); },
                      [&](Millis m) { clock.advance(m); }, {1, Millis(1000)});
  CHECK(r.status == DiskStatus::normal);
  CHECK(r.attempts == 2);
}

TEST_CASE("no retries: one try decides", "[diskd]") {
  int tries = 0;
  auto r = disk_round([&] { ++tries; return Status::error("EIO"); }, [](Millis) {}, {0, Millis(1000)});
  CHECK(r.status == DiskStatus::error);
  CHECK(tries == 1);
}

TEST_CASE("the log line pm_logconv reads", "[diskd]") {
  CHECK(disk_status_line("diskcheck_status", "/dev/xvdb", DiskStatus::error) ==
        "check_status: disk status is changed, attr_name=diskcheck_status, target=/dev/xvdb, new_status=ERROR");
  CHECK(disk_status_text(DiskStatus::normal) == "normal");
}

}  // namespace
}  // namespace pacer::agents
