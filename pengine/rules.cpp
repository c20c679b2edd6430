// Evaluation of location rules on node attributes, and their parsing from the CIB.
#include "pengine/rules.h"

#include <charconv>
#include <cstdlib>

namespace pacer::pengine {
namespace {

std::optional<double> as_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}


bool is_ordering(CompareOp op) {
  return op == CompareOp::kLt || op == CompareOp::kGt || op == CompareOp::kLte ||
         op == CompareOp::kGte;
}

// -1, 0, 1, or nullopt when the two values cannot be compared as the type asks.
std::optional<int> compare(const Expression& expr, std::string_view node_value) {
  ValueType type = ValueType::kString;
  if (expr.type) {
    type = *expr.type;
  } else if (is_ordering(expr.op) && as_number(node_value) && as_number(expr.value)) {
    // An untyped lt/gt on two numbers means numbers, which is what users of pingd scores expect.
    type = ValueType::kNumber;
  }
  switch (type) {
    case ValueType::kNumber: {
      auto a = as_number(node_value), b = as_number(expr.value);
      if (!a || !b) return std::nullopt;
      return *a < *b ? -1 : (*a > *b ? 1 : 0);
    }
    case ValueType::kVersion:
      return compare_versions(node_value, expr.value);
    case ValueType::kString: {
      int c = std::string_view(node_value).compare(expr.value);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return std::nullopt;
}

Result<CompareOp> parse_op(std::string_view text) {
  static const std::pair<std::string_view, CompareOp> kOps[] = {
      {"lt", CompareOp::kLt},   {"gt", CompareOp::kGt},
      {"lte", CompareOp::kLte}, {"gte", CompareOp::kGte},
      {"eq", CompareOp::kEq},   {"ne", CompareOp::kNe},
      {"defined", CompareOp::kDefined}, {"not_defined", CompareOp::kNotDefined}};
  for (const auto& [name, op] : kOps)
    if (name == text) return op;
  return Status::error(fmt::format("unknown operation '{}'", text));
}

std::string where(XmlNode element) {
  return fmt::format("<{} id=\"{}\"> (line {})", element.name(),
                     element.attribute("id").value_or(""), element.line());
}

}  // namespace

// Compares dotted versions part by part, numerically ("1.10" > "1.9").
int compare_versions(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    auto take = [](std::string_view& s) {
      long long part = 0;
      auto dot = s.find('.');
      std::string_view head = s.substr(0, dot);
      std::from_chars(head.data(), head.data() + head.size(), part);
      s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
      return part;
    };
    long long pa = take(a), pb = take(b);
    if (pa != pb) return pa < pb ? -1 : 1;
  }
  return 0;
}

bool evaluate_expression(const Expression& expr, const Attributes& node_attributes) {
  auto found = node_attributes.find(expr.attribute);
  bool defined = found != node_attributes.end();
  if (expr.op == CompareOp::kDefined) return defined;
  if (expr.op == CompareOp::kNotDefined) return !defined;
  if (!defined) return expr.op == CompareOp::kNe;  // an absent value differs from any value
  auto c = compare(expr, found->second);
  if (!c) return expr.op == CompareOp::kNe;
  switch (expr.op) {
    case CompareOp::kLt: return *c < 0;
    case CompareOp::kGt: return *c > 0;
    case CompareOp::kLte: return *c <= 0;
    case CompareOp::kGte: return *c >= 0;
    case CompareOp::kEq: return *c == 0;
    case CompareOp::kNe: return *c != 0;
    default: return false;
  }
}

bool evaluate_rule(const Rule& rule, const Attributes& node_attributes) {
  bool any = false;
  for (const auto& expr : rule.expressions) {
    bool ok = evaluate_expression(expr, node_attributes);
    if (rule.all_of && !ok) return false;
    if (!rule.all_of && ok) return true;
    any = true;
  }
  for (const auto& sub : rule.subrules) {
    bool ok = evaluate_rule(sub, node_attributes);
    if (rule.all_of && !ok) return false;
    if (!rule.all_of && ok) return true;
    any = true;
  }
  // An empty rule matches; a non-empty "or" rule got here with nothing true.
  return rule.all_of || !any;
}

Score rule_score(const Rule& rule, const Attributes& node_attributes) {
  if (rule.score_attribute.empty()) return rule.score;
  auto found = node_attributes.find(rule.score_attribute);
  if (found == node_attributes.end()) return 0;
  auto parsed = parse_score(found->second);
  return parsed ? *parsed : 0;
}

Result<Expression> parse_expression(XmlNode element) {
  Expression expr;
  auto attribute = element.attribute("attribute");
  auto operation = element.attribute("operation");
  if (!attribute || !operation)
    return Status::error(where(element) + ": needs attribute and operation");
  expr.attribute = *attribute;
  auto op = parse_op(*operation);
  if (!op) return op.status().with_context(where(element));
  expr.op = *op;
  auto value = element.attribute("value");
  if (!value && expr.op != CompareOp::kDefined && expr.op != CompareOp::kNotDefined)
    return Status::error(where(element) + ": operation " + *operation + " needs a value");
  expr.value = value.value_or("");
  if (auto type = element.attribute("type")) {
    if (*type == "string") expr.type = ValueType::kString;
    else if (*type == "number" || *type == "integer") expr.type = ValueType::kNumber;
    else if (*type == "version") expr.type = ValueType::kVersion;
    else return Status::error(where(element) + ": unknown type '" + *type + "'");
  }
  return expr;
}

Result<Rule> parse_rule(XmlNode element) {
  Rule rule;
  rule.id = element.attribute("id").value_or("");
  if (auto score = element.attribute("score")) {
    auto parsed = parse_score(*score);
    if (!parsed) return parsed.status().with_context(where(element));
    rule.score = *parsed;
  }
  rule.score_attribute = element.attribute("score-attribute").value_or("");
  rule.role = element.attribute("role").value_or("");
  auto op = element.attribute("boolean-op").value_or("and");
  if (op != "and" && op != "or")
    return Status::error(where(element) + ": boolean-op must be and or or, not '" + op + "'");
  rule.all_of = op == "and";
  for (XmlNode child : element.children()) {
    if (child.name() == "expression") {
      auto expr = parse_expression(child);
      if (!expr) return expr.status();
      rule.expressions.push_back(std::move(*expr));
    } else if (child.name() == "rule") {
      auto sub = parse_rule(child);
      if (!sub) return sub.status();
      rule.subrules.push_back(std::move(*sub));
    } else {
      return Status::error(where(child) + ": not supported in a rule yet");
    }
  }
  return rule;
}

}  // namespace pacer::pengine
