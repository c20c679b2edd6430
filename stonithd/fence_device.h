// A STONITH device as stonithd keeps it, and the commands that drive its plugin.
//
// Two kinds of plugin, both run unmodified:
//  * cluster-glue's (external/* scripts, C plugins such as meatware): through cluster-glue's own
//    `stonith` command, parameters in the environment under their own names (`stonith -E`), so
//    nothing secret shows in argv. `stonith` exits 0 on success and 5 (S_RESETFAIL) when the plugin
//    failed; that is the "exitcode" of the log lines.
//  * fence-agents (`fence_*`): the agent with no arguments and `name=value` lines on stdin.
// Parameters consumed by stonithd itself (`priority`, `stonith-timeout`, `pcmk_*`) never reach a
// plugin.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/child_process.h"
#include "common/clock.h"
#include "common/result.h"

namespace pacer::stonithd {

enum class FenceAction { reset, off, on };

// stonithd's op names in the log: RESET, POWEROFF, POWERON.
std::string_view op_name(FenceAction action);
// stonith_admin's and Pacemaker's words: reboot, off, on.
std::string_view action_word(FenceAction action);

inline constexpr Millis kDefaultDeviceTimeout{60000};

struct DeviceConfig {
  std::string id;
  std::string type;
  std::map<std::string, std::string> params;  // as given (including priority, stonith-timeout)
  int priority = 0;                           // lower first
  Millis timeout = kDefaultDeviceTimeout;     // the device's own stonith-timeout
};

// Checks the id and type (no path tricks, printable) and reads priority / stonith-timeout
// ("60s", "2min", "90000ms", bare seconds).
Result<DeviceConfig> make_device(std::string id, std::string type,
                                 std::map<std::string, std::string> params);

bool is_fence_agent(std::string_view type);

struct PluginPaths {
  std::string stonith_command = "/usr/sbin/stonith";  // or pacer's wrapper (see README)
  std::string fence_agent_dir = "/usr/sbin";
  std::vector<std::string> base_env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
};

// The commands for one device. Each is a complete SpawnOptions (argv, environment, stdin).
SpawnOptions fence_command(const PluginPaths& paths, const DeviceConfig& device, FenceAction action,
                           const std::string& target);
SpawnOptions status_command(const PluginPaths& paths, const DeviceConfig& device);
// For a fence agent with a static host list (`pcmk_host_list` / `hostlist`) no command is needed:
// static_hosts() answers.
SpawnOptions gethosts_command(const PluginPaths& paths, const DeviceConfig& device);
std::optional<std::vector<std::string>> static_hosts(const DeviceConfig& device);

// Host names from `gethosts` / `stonith -l` / a fence agent's `list` ("plug,alias" lines):
// whitespace or comma separated words, for `list` the first field of each line.
std::vector<std::string> parse_hosts(std::string_view output, bool fence_agent_list = false);

// Host names compare without case, as Pacemaker's do.
bool same_host(std::string_view a, std::string_view b);

}  // namespace pacer::stonithd
