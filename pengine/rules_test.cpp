// Location rule evaluation on node attributes.
#include <catch2/catch.hpp>

#include "pengine/rules.h"

using namespace pacer;
using namespace pacer::pengine;

namespace {

Rule parse(std::string_view xml) {
  auto doc = XmlDocument::parse(xml, "rule.xml");
  REQUIRE(doc.is_ok());
  auto rule = parse_rule(doc->root());
  REQUIRE(rule.is_ok());
  return *rule;
}

const Attributes kPm1{{"#uname", "pm1"}, {"default_ping_set", "100"}, {"diskcheck_status", "normal"}};
const Attributes kPingLost{{"#uname", "pm1"}, {"default_ping_set", "0"}};

}  // namespace

TEST_CASE("#uname eq matches the node's name") {
  Rule rule = parse(R"(<rule id="r" score="200"><expression id="e" attribute="#uname" operation="eq" value="pm1"/></rule>)");
  CHECK(evaluate_rule(rule, kPm1));
  CHECK_FALSE(evaluate_rule(rule, Attributes{{"#uname", "pm2"}}));
  CHECK(rule_score(rule, kPm1) == 200);
}

TEST_CASE("the pingd rule: not_defined or lt, joined by or") {
  Rule rule = parse(R"(<rule id="r" score="-INFINITY" boolean-op="or">
      <expression id="a" attribute="default_ping_set" operation="not_defined"/>
      <expression id="b" attribute="default_ping_set" operation="lt" value="100"/></rule>)");
  CHECK_FALSE(evaluate_rule(rule, kPm1));
  CHECK(evaluate_rule(rule, kPingLost));
  CHECK(evaluate_rule(rule, Attributes{{"#uname", "pm1"}}));
  CHECK(rule_score(rule, kPm1) == -kInfinity);
}

TEST_CASE("comparisons: numbers compare as numbers, strings as strings") {
  auto expr = [](std::string attr, CompareOp op, std::string value,
                 std::optional<ValueType> type = std::nullopt) {
    return Expression{std::move(attr), op, std::move(value), type};
  };
  Attributes a{{"n", "9"}, {"s", "abc"}, {"v", "1.10"}};
  CHECK(evaluate_expression(expr("n", CompareOp::kLt, "100"), a));  // 9 < 100 numerically
  CHECK_FALSE(evaluate_expression(expr("n", CompareOp::kLt, "100", ValueType::kString), a));
  CHECK(evaluate_expression(expr("n", CompareOp::kGte, "9"), a));
  CHECK(evaluate_expression(expr("n", CompareOp::kLte, "9"), a));
  CHECK_FALSE(evaluate_expression(expr("n", CompareOp::kGt, "9"), a));
  CHECK(evaluate_expression(expr("s", CompareOp::kNe, "abd"), a));
  CHECK(evaluate_expression(expr("s", CompareOp::kEq, "abc"), a));
  CHECK(evaluate_expression(expr("v", CompareOp::kGt, "1.9", ValueType::kVersion), a));
  CHECK(evaluate_expression(expr("s", CompareOp::kDefined, ""), a));
  CHECK(evaluate_expression(expr("missing", CompareOp::kNotDefined, ""), a));
  CHECK_FALSE(evaluate_expression(expr("missing", CompareOp::kEq, "x"), a));
  CHECK_FALSE(evaluate_expression(expr("missing", CompareOp::kLt, "5"), a));
}

TEST_CASE("and rules need every expression; nested rules count as expressions") {
  Rule rule = parse(R"(<rule id="r" score="10">
      <expression id="a" attribute="#uname" operation="eq" value="pm1"/>
      <rule id="inner" boolean-op="or">
        <expression id="b" attribute="diskcheck_status" operation="eq" value="ERROR"/>
        <expression id="c" attribute="default_ping_set" operation="gte" value="100"/>
      </rule></rule>)");
  CHECK(evaluate_rule(rule, kPm1));
  CHECK_FALSE(evaluate_rule(rule, kPingLost));
}

TEST_CASE("score-attribute takes the score from the node") {
  Rule rule = parse(R"(<rule id="r" score-attribute="default_ping_set"><expression id="a" attribute="default_ping_set" operation="defined"/></rule>)");
  CHECK(rule_score(rule, kPm1) == 100);
}

TEST_CASE("malformed rules are errors naming the element") {
  auto fails = [](std::string_view xml) {
    auto doc = XmlDocument::parse(xml, "rule.xml");
    REQUIRE(doc.is_ok());
    auto rule = parse_rule(doc->root());
    REQUIRE_FALSE(rule.is_ok());
    return rule.error_message();
  };
  CHECK(fails(R"(<rule id="r" score="x"/>)").find("<rule id=\"r\">") != std::string::npos);
  CHECK(fails(R"(<rule id="r" score="1"><expression id="e" attribute="a" operation="like" value="1"/></rule>)")
            .find("<expression id=\"e\">") != std::string::npos);
  CHECK(fails(R"(<rule id="r" score="1"><expression id="e" attribute="a" operation="eq"/></rule>)")
            .find("needs a value") != std::string::npos);
  CHECK(fails(R"(<rule id="r" score="1"><date_expression id="d" operation="in_range"/></rule>)")
            .find("date_expression") != std::string::npos);
  CHECK(fails(R"(<rule id="r" boolean-op="xor"/>)").find("boolean-op") != std::string::npos);
}
