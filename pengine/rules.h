// Rules of rsc_location constraints evaluated against a node's attributes.
//
// Supported: <rule score|score-attribute boolean-op> with <expression attribute operation value
// type> (lt gt lte gte eq ne defined not_defined; string, number/integer, version) and nested
// rules. date_expression is recognised and rejected with an error naming it, rather than being
// silently taken as true or false.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/xml.h"
#include "pengine/score.h"

namespace pacer::pengine {

using Attributes = std::map<std::string, std::string, std::less<>>;

enum class CompareOp { kLt, kGt, kLte, kGte, kEq, kNe, kDefined, kNotDefined };
enum class ValueType { kString, kNumber, kVersion };

struct Expression {
  std::string attribute;
  CompareOp op = CompareOp::kEq;
  std::string value;
  std::optional<ValueType> type;  // unset: number if both sides parse as numbers, else string
};

struct Rule {
  std::string id;
  Score score = 0;
  std::string score_attribute;  // when set, the node's value of this attribute is the score
  bool all_of = true;           // boolean-op="and" (default) or "or"
  std::string role;             // role="Master": the rule speaks of promotion, not placement
  std::vector<Expression> expressions;
  std::vector<Rule> subrules;
};

// Compares dotted versions part by part, numerically ("1.10" > "1.9"): -1, 0 or 1.
int compare_versions(std::string_view a, std::string_view b);

bool evaluate_expression(const Expression& expr, const Attributes& node_attributes);
bool evaluate_rule(const Rule& rule, const Attributes& node_attributes);
// The score a matching rule contributes on a node (score-attribute read from the node).
Score rule_score(const Rule& rule, const Attributes& node_attributes);

// Parsing from CIB XML; errors name the element and its line.
Result<Rule> parse_rule(XmlNode rule_element);
Result<Expression> parse_expression(XmlNode expression_element);

}  // namespace pacer::pengine
