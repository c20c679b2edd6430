// Packet loss and drops between sandbox hosts: nftables rules in the switch netns (bridge family).
//
// The kernel here has no netem, so loss is an nft `numgen random` drop on the bridge's forward hook;
// each rule has its own counter so a test can assert that packets really were dropped. The rules
// live in a table of their own in the sandbox's switch netns, never on the host.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/process_runner.h"
#include "common/result.h"
#include "tests/sandbox/address_plan.h"

namespace pacer::sandbox {

inline constexpr const char* kLossTable = "pcrsbx_loss";

// Drops `percent` % of the frames on `lan` that enter from host `from` and leave towards host `to`
// (a host name such as "pm1" or "client"; empty = any host). 100 drops everything (a one-way cut).
struct LossRule {
  Lan lan = Lan::ic1;
  std::string from;
  std::string to;
  int percent = 100;

  std::string id() const;  // "eth1:pm1>pm2:20", the comment the rule carries in nft
};

struct LossCounter {
  std::string id;
  uint64_t packets = 0;
  uint64_t bytes = 0;
};

// The complete `nft -f` script that replaces the loss table with exactly `rules`.
std::string loss_table_script(const std::vector<LossRule>& rules);
// Parses the counters out of `nft list table bridge pcrsbx_loss` output.
std::vector<LossCounter> parse_loss_counters(const std::string& nft_listing);

// Applies and reads the rules of one switch netns.
class LossRules {
 public:
  LossRules(ProcessRunner& runner, std::string switch_netns)
      : runner_(runner), netns_(std::move(switch_netns)) {}

  Status set(const std::vector<LossRule>& rules);
  Status add(const LossRule& rule);
  Status clear() { return set({}); }
  const std::vector<LossRule>& rules() const { return rules_; }
  Result<std::vector<LossCounter>> counters();

 private:
  ProcessRunner& runner_;
  std::string netns_;
  std::vector<LossRule> rules_;
};

}  // namespace pacer::sandbox
