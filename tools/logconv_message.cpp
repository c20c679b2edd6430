// Level mapping and operation keys for pm_logconv.
#include "tools/logconv_message.h"

#include <cctype>

namespace pacer::tools {

std::string output_level(std::string_view level) {
  if (level == "ERROR" || level == "error" || level == "CRIT" || level == "crit" ||
      level == "EMERG" || level == "emerg")
    return "ERROR";
  if (level == "WARN" || level == "WARNING" || level == "warning") return "WARN";
  return "info";
}

std::optional<OpKey> parse_op_key(std::string_view key) {
  size_t last = key.rfind('_');
  if (last == std::string_view::npos || last + 1 >= key.size()) return std::nullopt;
  std::string_view interval = key.substr(last + 1);
  if (interval.size() > 12) return std::nullopt;
  long long ms = 0;
  for (char c : interval) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    ms = ms * 10 + (c - '0');
  }
  std::string_view head = key.substr(0, last);
  OpKey out;
  out.interval_ms = ms;
  for (std::string_view two : {"_migrate_to", "_migrate_from"}) {
    if (head.size() > two.size() && head.substr(head.size() - two.size()) == two) {
      out.op = std::string(two.substr(1));
      out.rsc = std::string(head.substr(0, head.size() - two.size()));
      return out;
    }
  }
  size_t op_start = head.rfind('_');
  if (op_start == std::string_view::npos || op_start == 0 || op_start + 1 >= head.size())
    return std::nullopt;
  out.op = std::string(head.substr(op_start + 1));
  out.rsc = std::string(head.substr(0, op_start));
  return out;
}

std::optional<std::string> text_between(std::string_view text, std::string_view before,
                                        std::string_view after) {
  size_t start = text.find(before);
  if (start == std::string_view::npos) return std::nullopt;
  start += before.size();
  if (after.empty()) return std::string(text.substr(start));
  size_t end = text.find(after, start);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(text.substr(start, end - start));
}

}  // namespace pacer::tools
