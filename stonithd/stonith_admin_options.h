// stonith_admin's command line: Pacemaker 2.1's flags and exit codes are its contract
// (1.0 had no such tool). Parsed into a value so the parsing is tested without a daemon.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "stonithd.pb.h"
#include "stonithd/fence_device.h"

namespace pacer::stonithd {

// Pacemaker's crm_exit_t values stonith_admin uses.
namespace admin_exit {
inline constexpr int ok = 0;
inline constexpr int error = 1;
inline constexpr int invalid_param = 2;
inline constexpr int usage = 64;
inline constexpr int unavailable = 69;
inline constexpr int disconnect = 102;
inline constexpr int no_such = 105;
inline constexpr int timeout = 124;
}  // namespace admin_exit

enum class AdminCommand { none, list_registered, list_target, fence, history, metadata, list_installed };

struct AdminOptions {
  AdminCommand command = AdminCommand::none;
  std::string target;          // -l / -B / -F / -U / -H
  FenceAction action = FenceAction::reset;
  std::string agent;           // -a
  Millis timeout{120000};      // -t seconds
  bool quiet = false;
  int verbose = 0;
  bool help = false;
};

// argv without the program name. An error message means: print it and the usage, exit 64.
Result<AdminOptions> parse_admin_options(const std::vector<std::string>& args);
std::string admin_usage();

// What -H prints, as Pacemaker 2.1's stonith_admin(8) describes it: the last successful fencing
// operation (of the node, or of all nodes for '*'), nothing when there is none; with --verbose
// every recorded and pending operation. `entries` oldest first, as stonithd returns them.
std::vector<proto::stonithd::HistoryEntry> history_to_show(const std::vector<proto::stonithd::HistoryEntry>& entries,
                                                           bool verbose);

}  // namespace pacer::stonithd
