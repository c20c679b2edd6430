// Tests of the ha.cf time syntax: seconds by default, decimals, ms, us/usec, rounding to ms.
#include "common/config/time_value.h"

#include <catch2/catch.hpp>

using pacer::config::parse_time_value;
using std::chrono::milliseconds;

TEST_CASE("time values without a unit are seconds", "[time_value]") {
  CHECK(parse_time_value("2") == milliseconds(2000));
  CHECK(parse_time_value("0") == milliseconds(0));
  CHECK(parse_time_value("30") == milliseconds(30000));
  CHECK(parse_time_value("002") == milliseconds(2000));
}

TEST_CASE("time values accept decimals", "[time_value]") {
  CHECK(parse_time_value("1.7") == milliseconds(1700));
  CHECK(parse_time_value("0.5") == milliseconds(500));
  CHECK(parse_time_value("1.0005") == milliseconds(1001));  // half a ms rounds up
  CHECK(parse_time_value("1.0004") == milliseconds(1000));
  CHECK(parse_time_value("2.5ms") == milliseconds(3));
}

TEST_CASE("time values accept ms, us and usec", "[time_value]") {
  CHECK(parse_time_value("2000ms") == milliseconds(2000));
  CHECK(parse_time_value("1700ms") == milliseconds(1700));
  CHECK(parse_time_value("1500us") == milliseconds(2));
  CHECK(parse_time_value("1499usec") == milliseconds(1));
  CHECK(parse_time_value("400us") == milliseconds(0));
  CHECK(parse_time_value("500usec") == milliseconds(1));
}

TEST_CASE("anything else is not a time value", "[time_value]") {
  for (const char* bad : {"",    "s",  "2s",  "2sec", "2 ms", " 2",         "2 ",
                          "-1",  "+1", "1e3", "1.",   ".5",   "1..2",       "1.5.",
                          "2MS", "2m", "ms",  "0x10", "1,5",  "1234567890", "1.1234567890"}) {
    INFO("value: [" << bad << "]");
    CHECK_FALSE(parse_time_value(bad).has_value());
  }
}

TEST_CASE("large time values are exact", "[time_value]") {
  CHECK(parse_time_value("999999999") == milliseconds(999'999'999'000));
  CHECK(parse_time_value("999999999.999999999") == milliseconds(1'000'000'000'000));
  CHECK(parse_time_value("000000000000001") == milliseconds(1000));
}
