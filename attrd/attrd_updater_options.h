// attrd_updater's command line, with Pacemaker's flags (unmodified agents such as
// ocf:pacemaker:ping call it): -n NAME with one of -U/-v VALUE, -B VALUE (value and dampening),
// -D (delete), -Q (query), or -R (attrd writes all of this node's values again); -d DAMPEN, -l reboot|forever, -N NODE; -q quiet; -s SET and -S SECTION
// are accepted for compatibility (the set is always the node's own, -S status|nodes is -l).
// Pure: arguments in, the request or a usage error out.
#pragma once

#include <string>
#include <vector>

#include "attrd/attrd_protocol.h"
#include "common/result.h"

namespace pacer::attrd {

// Exit codes as Pacemaker's tools have them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 64;
inline constexpr int kExitUnavailable = 69;  // attrd is not running
inline constexpr int kExitNoSuch = 105;      // -Q: the attribute is not set

struct UpdaterCommand {
  enum class Kind { update, query, refresh, help, version };
  Kind kind = Kind::update;
  AttributeUpdate update;  // kind update (name, node, value/remove, dampen, lifetime)
  bool quiet = false;
};

Result<UpdaterCommand> parse_updater_args(const std::vector<std::string>& args);
std::string updater_usage();

}  // namespace pacer::attrd
