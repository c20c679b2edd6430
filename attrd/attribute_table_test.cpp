// Dampening, coalescing, flaps, value++ and write retries of AttributeTable, on a fake clock.
#include "attrd/attribute_table.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_clock.h"

namespace pacer::attrd {
namespace {

struct Fixture {
  FakeClock clock;
  ipc::TimerQueue queue{clock};
  QueueTimers timers{queue};
  std::vector<WriteOrder> writes;
  bool cib_up = true;
  AttributeTable table{timers, [this](const WriteOrder& w) {
                         if (!cib_up) return Status::error("cib down");
                         writes.push_back(w);
                         return Status::ok();
                       }};
  void advance(Millis by) {
    clock.advance(by);
    queue.run_due();
  }
  static AttributeUpdate set(std::string name, std::string value, std::optional<Millis> dampen = {}) {
    AttributeUpdate u;
    u.name = std::move(name);
    u.value = std::move(value);
    u.dampen = dampen;
    return u;
  }
};

TEST_CASE("changes inside the dampen window are one write of the last value", "[attrd][dampen]") {
  Fixture f;
  f.table.apply(Fixture::set("test", "1", Millis(5000)));
  f.advance(Millis(1000));
  f.table.apply(Fixture::set("test", "2"));
  f.advance(Millis(1000));
  f.table.apply(Fixture::set("test", "3"));
  CHECK(f.writes.empty());
  CHECK(f.table.pending("test"));
  f.advance(Millis(2999));
  CHECK(f.writes.empty());
  f.advance(Millis(1));
  REQUIRE(f.writes.size() == 1);
  CHECK(f.writes[0] == WriteOrder{"test", "3", Lifetime::reboot});
  f.advance(Millis(60000));
  CHECK(f.writes.size() == 1);
}

TEST_CASE("a value that flaps and returns inside the window never reaches the CIB", "[attrd][dampen]") {
  Fixture f;
  f.table.apply(Fixture::set("ping", "100", Millis(5000)));
  f.advance(Millis(5000));
  REQUIRE(f.writes.size() == 1);
  f.table.apply(Fixture::set("ping", "0"));
  f.advance(Millis(2000));
  f.table.apply(Fixture::set("ping", "100"));
  f.advance(Millis(10000));
  CHECK(f.writes.size() == 1);
  CHECK(f.table.value("ping") == "100");
}

TEST_CASE("later changes do not postpone the write", "[attrd][dampen]") {
  Fixture f;
  f.table.apply(Fixture::set("x", "1", Millis(3000)));
  for (int i = 2; i <= 10; ++i) {
    f.advance(Millis(1000));
    f.table.apply(Fixture::set("x", std::to_string(i)));
  }
  // Written at 3 s (value 3), 6 s (value 6), 9 s (value 9); 10 is pending.
  REQUIRE(f.writes.size() == 3);
  CHECK(f.writes[0].value == "3");
  CHECK(f.writes[2].value == "9");
  f.advance(Millis(3000));
  CHECK(f.writes.back().value == "10");
}

TEST_CASE("no dampening writes at once, and a non-change writes nothing", "[attrd][dampen]") {
  Fixture f;
  f.table.apply(Fixture::set("x", "a"));
  CHECK(f.writes.size() == 1);
  f.table.apply(Fixture::set("x", "a"));
  CHECK(f.writes.size() == 1);
  AttributeUpdate only_dampen;
  only_dampen.name = "x";
  only_dampen.dampen = Millis(2000);
  f.table.apply(only_dampen);
  CHECK(f.writes.size() == 1);
  f.table.apply(Fixture::set("x", "b"));
  CHECK(f.writes.size() == 1);
  f.advance(Millis(2000));
  CHECK(f.writes.size() == 2);
}

TEST_CASE("delete goes through dampening and deletes once", "[attrd][dampen]") {
  Fixture f;
  f.table.apply(Fixture::set("x", "a", Millis(1000)));
  f.advance(Millis(1000));
  AttributeUpdate del;
  del.name = "x";
  del.remove = true;
  f.table.apply(del);
  f.advance(Millis(1000));
  REQUIRE(f.writes.size() == 2);
  CHECK(f.writes[1] == WriteOrder{"x", std::nullopt, Lifetime::reboot});
  CHECK_FALSE(f.table.value("x"));
  f.table.apply(del);
  f.advance(Millis(1000));
  CHECK(f.writes.size() == 2);
}

TEST_CASE("deleting an attribute attrd never knew still reaches the CIB", "[attrd]") {
  Fixture f;
  AttributeUpdate del;
  del.name = "fail-count-x";
  del.remove = true;
  f.table.apply(del);
  REQUIRE(f.writes.size() == 1);
  CHECK_FALSE(f.writes[0].value);
}

TEST_CASE("value++ is expanded against the owner's current value", "[attrd][expansion]") {
  Fixture f;
  f.table.apply(Fixture::set("fail-count-x", "value++"));
  f.table.apply(Fixture::set("fail-count-x", "value++"));
  CHECK(f.table.value("fail-count-x") == "2");
  f.table.apply(Fixture::set("fail-count-x", "fail-count-x+=10"));
  CHECK(f.table.value("fail-count-x") == "12");
  f.table.apply(Fixture::set("fail-count-x", "INFINITY"));
  f.table.apply(Fixture::set("fail-count-x", "value++"));
  CHECK(f.table.value("fail-count-x") == "INFINITY");
  CHECK(f.writes.back().value == "INFINITY");
}

TEST_CASE("values loaded from the CIB are not rewritten and value++ continues from them", "[attrd]") {
  Fixture f;
  f.table.load("fail-count-x", "3", Lifetime::reboot);
  f.table.apply(Fixture::set("fail-count-x", "3"));
  CHECK(f.writes.empty());
  f.table.apply(Fixture::set("fail-count-x", "value++"));
  REQUIRE(f.writes.size() == 1);
  CHECK(f.writes[0].value == "4");
}

TEST_CASE("a failed write is retried until the CIB takes it", "[attrd]") {
  Fixture f;
  f.cib_up = false;
  f.table.apply(Fixture::set("x", "1"));
  CHECK(f.writes.empty());
  CHECK(f.table.pending("x"));
  f.advance(kWriteRetry);
  CHECK(f.writes.empty());
  f.cib_up = true;
  f.advance(kWriteRetry);
  REQUIRE(f.writes.size() == 1);
  CHECK(f.writes[0].value == "1");
  CHECK_FALSE(f.table.pending("x"));
}

TEST_CASE("lifetime forever travels with the write", "[attrd]") {
  Fixture f;
  auto u = Fixture::set("standby", "on");
  u.lifetime = Lifetime::forever;
  f.table.apply(u);
  REQUIRE(f.writes.size() == 1);
  CHECK(f.writes[0].lifetime == Lifetime::forever);
}

}  // namespace
}  // namespace pacer::attrd

namespace pacer::attrd {
namespace {

TEST_CASE("refresh writes every settled value again and leaves pending ones to their timer", "[attrd]") {
  Fixture f;
  f.table.apply(Fixture::set("a", "1"));
  f.table.apply(Fixture::set("b", "2"));
  f.table.apply(Fixture::set("c", "3", Millis(5000)));
  REQUIRE(f.writes.size() == 2);
  f.table.rewrite_all();
  REQUIRE(f.writes.size() == 4);
  CHECK(f.writes[2].name == "a");
  CHECK(f.writes[3].name == "b");
  f.advance(Millis(5000));
  CHECK(f.writes.size() == 5);
}

}  // namespace
}  // namespace pacer::attrd
