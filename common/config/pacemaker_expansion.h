// What `pacemaker <mode>` in ha.cf stands for: the Pacemaker daemons heartbeat starts (in start
// order, respawn or failfast, as which user) and the API permissions they need. The data is the
// table of failure-table.md section 4; heartbeat's supervision rules act on the result.
// Also the apiauth entries heartbeat has built in before reading ha.cf.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "common/config/ha_config.h"

namespace pacer::config {

struct ImpliedChild {
  ChildKind kind;
  std::string_view user;
  std::string_view program;  // file name inside the daemon directory
  std::string_view args;
  bool under_valgrind;
};

struct ImpliedApiAuth {
  std::string_view client;
  std::string_view user;
};

// The value of a `pacemaker` (or `crm`) line: a mode name or any Heartbeat boolean (true = on,
// false = off), case-insensitive.
std::optional<PacemakerMode> parse_pacemaker_mode(std::string_view text);

std::span<const ImpliedChild> pacemaker_children(PacemakerMode mode);
std::span<const ImpliedApiAuth> pacemaker_apiauth(PacemakerMode mode);

// The apiauth entries heartbeat has before reading ha.cf.
std::vector<ApiAuth> builtin_apiauth();

// Adds `entry`, replacing an earlier entry for the same client (the last definition wins).
void set_apiauth(std::vector<ApiAuth>& entries, ApiAuth entry);

}  // namespace pacer::config
