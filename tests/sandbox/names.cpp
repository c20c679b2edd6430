// Sandbox naming: the prefix that marks what a run created, and how to tell a stale one.
#include "tests/sandbox/names.h"

#include <charconv>
#include <fstream>

#include <fmt/format.h>

namespace pacer::sandbox {

std::string run_prefix(pid_t owner, unsigned nonce) {
  return fmt::format("{}{}-{:04x}-", kNamePrefix, owner, nonce & 0xffff);
}

std::optional<pid_t> owner_of(std::string_view name) {
  auto slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (!name.starts_with(kNamePrefix)) return std::nullopt;
  name.remove_prefix(kNamePrefix.size());
  pid_t pid = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
  if (ec != std::errc() || end == name.data() || end == name.data() + name.size() || *end != '-' ||
      pid <= 0)
    return std::nullopt;
  return pid;
}

bool owner_is_gone(std::string_view name) {
  auto pid = owner_of(name);
  if (!pid) return false;  // not ours: never touch it
  // A zombie is gone too: the host's init reaps re-parented processes late.
  std::ifstream stat("/proc/" + std::to_string(*pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

std::string node_name(int index) { return fmt::format("pm{}", index); }

}  // namespace pacer::sandbox
