// Small pieces shared by pm_logconv's catalogue and fail-over tracker: an operator message, the
// level rules, and reading an operation key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pacer::tools {

struct LogconvMessage {
  std::string level;  // "info", "WARN" or "ERROR" — no other level is ever written
  std::string text;
};

// The input's level word re-levelled for output: CRIT/EMERG/ERROR -> ERROR, WARN -> WARN,
// anything else -> info.
std::string output_level(std::string_view input_level);

struct OpKey {
  std::string rsc;
  std::string op;  // start, stop, monitor, promote, demote, migrate_to, migrate_from, notify...
  long long interval_ms = 0;
};
// "prmPg_monitor_10000" -> {prmPg, monitor, 10000}; migrate_to/_from are two-word ops.
std::optional<OpKey> parse_op_key(std::string_view key);

// The text between `before` and the next `after` (or the end when `after` is empty).
std::optional<std::string> text_between(std::string_view text, std::string_view before,
                                        std::string_view after);

}  // namespace pacer::tools
