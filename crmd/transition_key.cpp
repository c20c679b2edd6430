// Transition keys and magic strings; see transition_key.h.
#include "crmd/transition_key.h"

#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace pacer::crmd {
namespace {

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string TransitionKey::to_string() const {
  return fmt::format("{}:{}:{}:{}", action_id, transition_id, target_rc, te_uuid);
}

std::optional<TransitionKey> parse_transition_key(std::string_view text) {
  std::vector<std::string_view> parts;
  for (int i = 0; i < 3; ++i) {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    parts.push_back(text.substr(0, colon));
    text.remove_prefix(colon + 1);
  }
  auto action = to_int(parts[0]), transition = to_int(parts[1]), target = to_int(parts[2]);
  if (!action || !transition || !target || text.empty()) return std::nullopt;
  return TransitionKey{*action, *transition, *target, std::string(text)};
}

std::string transition_magic(int op_status, int rc, std::string_view key) {
  return fmt::format("{}:{};{}", op_status, rc, key);
}

int expected_rc(std::string_view operation, long long interval_ms, std::optional<int> op_target_rc) {
  if (op_target_rc) return *op_target_rc;
  return operation == "monitor" && interval_ms == 0 ? 7 : 0;
}

}  // namespace pacer::crmd
