// nft rule text for sandbox packet loss and the parsing of its drop counters.
#include "tests/sandbox/loss_rules.h"

#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "tests/sandbox/command.h"

namespace pacer::sandbox {

std::string LossRule::id() const {
  return fmt::format("{}:{}>{}:{}", lan_iface(lan), from.empty() ? "*" : from,
                     to.empty() ? "*" : to, percent);
}

// Switch ports are named "e<lan>-<host>", so a whole LAN is the wildcard "e<lan>-*".
static std::string port_match(Lan lan, const std::string& host) {
  return host.empty() ? fmt::format("\"e{}-*\"", lan_number(lan)) : fmt::format("\"{}\"", switch_port(lan, host));
}

std::string loss_table_script(const std::vector<LossRule>& rules) {
  // "add table" first makes the delete succeed when the table does not exist yet; the whole file
  // is one nft transaction, so the rules never disappear half-way.
  std::string out = fmt::format("add table bridge {0}\ndelete table bridge {0}\n", kLossTable);
  out += fmt::format("table bridge {} {{\n  chain loss {{\n    type filter hook forward priority 0; policy accept;\n", kLossTable);
  for (const LossRule& r : rules) {
    std::string cond = fmt::format("iifname {} oifname {}", port_match(r.lan, r.from), port_match(r.lan, r.to));
    if (r.percent < 100) cond += fmt::format(" numgen random mod 100 < {}", r.percent);
    out += fmt::format("    {} counter drop comment \"{}\"\n", cond, r.id());
  }
  out += "  }\n}\n";
  return out;
}

std::vector<LossCounter> parse_loss_counters(const std::string& listing) {
  static const std::regex line_re(R"(counter packets (\d+) bytes (\d+) drop comment "([^"]*)\")");
  std::vector<LossCounter> out;
  std::istringstream in(listing);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, line_re))
      out.push_back({m[3].str(), std::stoull(m[1].str()), std::stoull(m[2].str())});
  }
  return out;
}

Status LossRules::set(const std::vector<LossRule>& rules) {
  for (const LossRule& r : rules)
    if (r.percent < 1 || r.percent > 100) return Status::error(fmt::format("loss rule {}: percent must be 1..100", r.id()));
  auto res = run_checked(runner_, {"ip", "netns", "exec", netns_, "nft", "-f", "-"}, loss_table_script(rules));
  if (!res) return res.status().with_context("setting loss rules");
  rules_ = rules;
  return Status::ok();
}

Status LossRules::add(const LossRule& rule) {
  auto rules = rules_;
  rules.push_back(rule);
  return set(rules);
}

Result<std::vector<LossCounter>> LossRules::counters() {
  auto res = run_checked(runner_, {"ip", "netns", "exec", netns_, "nft", "list", "table", "bridge", kLossTable});
  if (!res) return res.status().with_context("reading loss counters");
  return parse_loss_counters(*res);
}

}  // namespace pacer::sandbox
