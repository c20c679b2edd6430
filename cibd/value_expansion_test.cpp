// value++ / value+=N expansion and score arithmetic.
#include "cibd/value_expansion.h"

#include <catch2/catch.hpp>

namespace pacer::cib {
namespace {

TEST_CASE("value++ adds one to the current value, or starts at 1") {
  CHECK(expand_value("value", "value++", std::string_view("3")) == "4");
  CHECK(expand_value("value", "value++", std::nullopt) == "1");
  CHECK(expand_value("value", "value++", std::string_view("junk")) == "1");
}

TEST_CASE("value+=N adds N with score arithmetic") {
  CHECK(expand_value("value", "value+=5", std::string_view("3")) == "8");
  CHECK(expand_value("value", "value+=-5", std::string_view("3")) == "-2");
  CHECK(expand_value("value", "value+=INFINITY", std::string_view("3")) == "INFINITY");
  CHECK(expand_value("value", "value++", std::string_view("INFINITY")) == "INFINITY");
  CHECK(expand_value("value", "value+=999999", std::string_view("5")) == "INFINITY");
  CHECK(expand_value("value", "value+=INFINITY", std::string_view("-INFINITY")) == "-INFINITY");
}

TEST_CASE("anything else is stored as given") {
  CHECK(expand_value("value", "other++", std::string_view("1")) == "other++");
  CHECK(expand_value("value", "value+", std::string_view("1")) == "value+");
  CHECK(expand_value("value", "value+=", std::string_view("1")) == "value+=");
  CHECK(expand_value("value", "7", std::string_view("1")) == "7");
  CHECK(expand_value("name", "value++", std::nullopt) == "value++");
}

TEST_CASE("scores convert like Pacemaker's") {
  CHECK(score_from_text("+INFINITY") == 1000000);
  CHECK(score_from_text("-INFINITY") == -1000000);
  CHECK(score_from_text("12abc") == 12);
  CHECK(score_from_text("99999999999999999999999") == 1000000);
  CHECK(score_to_text(-1000000) == "-INFINITY");
  CHECK(score_to_text(42) == "42");
}

}  // namespace
}  // namespace pacer::cib
