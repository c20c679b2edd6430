// The transition key crmd tags each lrmd operation with, and the magic it records with the result
// (docs/transition-graph.md): "<action>:<transition>:<target-rc>:<te-uuid>" and
// "<op-status>:<rc>;<key>". The key comes back with the result, so the DC can match the result to
// the action of its graph that asked for it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pacer::crmd {

struct TransitionKey {
  int action_id = 0;
  int transition_id = -1;
  int target_rc = 0;
  std::string te_uuid;

  std::string to_string() const;
};

std::optional<TransitionKey> parse_transition_key(std::string_view text);
std::string transition_magic(int op_status, int rc, std::string_view key);

// What counts as success: a probe (monitor with interval 0) expects "not running" unless the
// graph says otherwise (CRM_meta_op_target_rc).
int expected_rc(std::string_view operation, long long interval_ms,
                std::optional<int> op_target_rc);

}  // namespace pacer::crmd
