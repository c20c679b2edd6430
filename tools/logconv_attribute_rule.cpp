// Parsing and evaluating attribute_* rules.
#include "tools/logconv_attribute_rule.h"

#include <cctype>
#include <sstream>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

bool digits(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

bool holds(const AttributeTerm& t, const std::map<std::string, std::string>& attributes) {
  auto it = attributes.find(t.attribute);
  if (t.op == "defined") return it != attributes.end();
  if (t.op == "not_defined") return it == attributes.end();
  if (it == attributes.end()) return false;
  int cmp = 0;
  if (digits(it->second) && digits(t.value)) {
    long long a = std::stoll(it->second), b = std::stoll(t.value);
    cmp = a < b ? -1 : a > b ? 1 : 0;
  } else {
    cmp = it->second.compare(t.value);
    cmp = cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
  }
  if (t.op == "lt") return cmp < 0;
  if (t.op == "gt") return cmp > 0;
  if (t.op == "le" || t.op == "lte") return cmp <= 0;
  if (t.op == "ge" || t.op == "gte") return cmp >= 0;
  if (t.op == "eq") return cmp == 0;
  if (t.op == "ne") return cmp != 0;
  return false;
}

}  // namespace

bool AttributeRule::matches(const std::map<std::string, std::string>& attributes) const {
  for (auto& group : any_of) {
    bool all = true;
    for (auto& term : group) all = all && holds(term, attributes);
    if (all && !group.empty()) return true;
  }
  return false;
}

Result<AttributeRule> parse_attribute_rule(std::string_view name, std::string_view text) {
  AttributeRule rule;
  rule.name = std::string(name);
  std::istringstream in{std::string(text)};
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  rule.any_of.emplace_back();
  size_t i = 0;
  auto bad = [&](const std::string& why) {
    return Status::error(fmt::format("{}: {} in '{}'", name, why, text));
  };
  while (i < words.size()) {
    if (words[i] == "defined" || words[i] == "not_defined") {
      if (i + 1 >= words.size()) return bad("'" + words[i] + "' needs an attribute");
      rule.any_of.back().push_back({words[i], words[i + 1], ""});
      i += 2;
    } else {
      if (i + 2 >= words.size()) return bad("expected 'attribute op value'");
      static const char* ops[] = {"lt", "gt", "le", "ge", "lte", "gte", "eq", "ne"};
      bool known = false;
      for (auto* op : ops) known = known || words[i + 1] == op;
      if (!known) return bad("unknown operator '" + words[i + 1] + "'");
      rule.any_of.back().push_back({words[i + 1], words[i], words[i + 2]});
      i += 3;
    }
    if (i < words.size()) {
      if (words[i] == "or") rule.any_of.emplace_back();
      else if (words[i] != "and") return bad("expected 'and' or 'or', found '" + words[i] + "'");
      if (++i >= words.size()) return bad("a condition is missing at the end");
    }
  }
  if (rule.any_of.front().empty()) return bad("empty rule");
  return rule;
}

}  // namespace pacer::tools
