// Score arithmetic: ±INFINITY saturation and the textual form.
#include <catch2/catch.hpp>

#include "pengine/score.h"

using namespace pacer::pengine;

TEST_CASE("scores add with -INFINITY absorbing, then +INFINITY") {
  CHECK(add_scores(100, 200) == 300);
  CHECK(add_scores(kInfinity, 200) == kInfinity);
  CHECK(add_scores(-kInfinity, 200) == -kInfinity);
  CHECK(add_scores(kInfinity, -kInfinity) == -kInfinity);
  CHECK(add_scores(-kInfinity, kInfinity) == -kInfinity);
  CHECK(add_scores(kInfinity, -500) == kInfinity);
}

TEST_CASE("finite sums saturate at the bounds") {
  CHECK(add_scores(999999, 5) == kInfinity);
  CHECK(add_scores(-999999, -5) == -kInfinity);
  CHECK(add_scores(-200, 50) == -150);
}

TEST_CASE("scores parse from the CIB's forms") {
  CHECK(*parse_score("INFINITY") == kInfinity);
  CHECK(*parse_score("+INFINITY") == kInfinity);
  CHECK(*parse_score("-INFINITY") == -kInfinity);
  CHECK(*parse_score("200") == 200);
  CHECK(*parse_score("+7") == 7);
  CHECK(*parse_score("-100") == -100);
  CHECK(*parse_score("5000000") == kInfinity);
  CHECK(*parse_score("-5000000") == -kInfinity);
  CHECK(*parse_score("99999999999999999999") == kInfinity);
  CHECK_FALSE(parse_score("").is_ok());
  CHECK_FALSE(parse_score("abc").is_ok());
  CHECK_FALSE(parse_score("12abc").is_ok());
  CHECK(parse_score("red").error_message().find("red") != std::string::npos);
}

TEST_CASE("scores print as Pacemaker prints them") {
  CHECK(format_score(kInfinity) == "INFINITY");
  CHECK(format_score(-kInfinity) == "-INFINITY");
  CHECK(format_score(0) == "0");
  CHECK(format_score(-42) == "-42");
}
