// Device parameters and plugin command lines: cluster-glue through its `stonith` command,
// fence-agents with key=value on stdin.
#include "stonithd/fence_device.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

#include <fmt/format.h>

#include "attrd/pacemaker_duration.h"

namespace pacer::stonithd {
namespace {

bool consumed_by_stonithd(const std::string& name) {
  return name == "priority" || name == "stonith-timeout" || name.starts_with("pcmk_");
}

// Names a shell or `stonith -E` can carry as environment variables.
bool env_safe(const std::string& name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool printable_word(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127; });
}

std::vector<std::string> plugin_env(const PluginPaths& paths, const DeviceConfig& device) {
  std::vector<std::string> env = paths.base_env;
  for (const auto& [name, value] : device.params)
    if (!consumed_by_stonithd(name) && env_safe(name)) env.push_back(name + "=" + value);
  return env;
}

SpawnOptions glue_command(const PluginPaths& paths, const DeviceConfig& device,
                          std::vector<std::string> tail) {
  SpawnOptions o;
  o.argv = {paths.stonith_command, "-t", device.type, "-E"};
  o.argv.insert(o.argv.end(), tail.begin(), tail.end());
  o.env = plugin_env(paths, device);
  return o;
}

SpawnOptions agent_command(const PluginPaths& paths, const DeviceConfig& device,
                           std::string_view action, const std::string& target) {
  SpawnOptions o;
  o.argv = {paths.fence_agent_dir + "/" + device.type};
  o.env = paths.base_env;
  std::string in = fmt::format("action={}\n", action);
  if (!target.empty()) in += fmt::format("port={}\nnodename={}\n", target, target);
  for (const auto& [name, value] : device.params)
    if (!consumed_by_stonithd(name) && name != "hostlist" && name != "action" && name != "port" &&
        name != "plug" && name != "nodename" && value.find('\n') == std::string::npos)
      in += name + "=" + value + "\n";
  o.stdin_data = std::move(in);
  return o;
}

}  // namespace

std::string_view op_name(FenceAction action) {
  switch (action) {
    case FenceAction::reset: return "RESET";
    case FenceAction::off: return "POWEROFF";
    case FenceAction::on: return "POWERON";
  }
  return "RESET";
}

std::string_view action_word(FenceAction action) {
  switch (action) {
    case FenceAction::reset: return "reboot";
    case FenceAction::off: return "off";
    case FenceAction::on: return "on";
  }
  return "reboot";
}

Result<DeviceConfig> make_device(std::string id, std::string type,
                                 std::map<std::string, std::string> params) {
  if (!printable_word(id, 256)) return Status::error(fmt::format("bad device id '{}'", id));
  if (!printable_word(type, 128) || type.find("..") != std::string::npos || type[0] == '/' ||
      (is_fence_agent(type) && type.find('/') != std::string::npos))
    return Status::error(fmt::format("device {}: bad stonith type '{}'", id, type));
  DeviceConfig d{std::move(id), std::move(type), std::move(params)};
  if (auto it = d.params.find("priority"); it != d.params.end()) {
    const std::string& v = it->second;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d.priority);
    if (ec != std::errc() || end != v.data() + v.size())
      return Status::error(fmt::format("device {}: priority '{}' is not a number", d.id, v));
  }
  if (auto it = d.params.find("stonith-timeout"); it != d.params.end()) {
    auto t = attrd::parse_duration(it->second);
    if (!t || *t <= Millis(0))
      return Status::error(fmt::format("device {}: bad stonith-timeout '{}'", d.id, it->second));
    d.timeout = *t;
  }
  return d;
}

bool is_fence_agent(std::string_view type) { return type.starts_with("fence_"); }

SpawnOptions fence_command(const PluginPaths& paths, const DeviceConfig& device, FenceAction action,
                           const std::string& target) {
  if (is_fence_agent(device.type))
    return agent_command(paths, device, action_word(action), target);
  std::string word = action == FenceAction::reset ? "reset" : action == FenceAction::off ? "off" : "on";
  return glue_command(paths, device, {"-T", word, target});
}

SpawnOptions status_command(const PluginPaths& paths, const DeviceConfig& device) {
  if (is_fence_agent(device.type)) return agent_command(paths, device, "monitor", "");
  return glue_command(paths, device, {"-S"});
}

SpawnOptions gethosts_command(const PluginPaths& paths, const DeviceConfig& device) {
  if (is_fence_agent(device.type)) return agent_command(paths, device, "list", "");
  return glue_command(paths, device, {"-l"});
}

std::optional<std::vector<std::string>> static_hosts(const DeviceConfig& device) {
  if (!is_fence_agent(device.type)) return std::nullopt;
  for (const char* name : {"pcmk_host_list", "hostlist"})
    if (auto it = device.params.find(name); it != device.params.end())
      return parse_hosts(it->second);
  return std::nullopt;
}

std::vector<std::string> parse_hosts(std::string_view output, bool fence_agent_list) {
  std::vector<std::string> hosts;
  std::istringstream lines{std::string(output)};
  std::string line;
  while (std::getline(lines, line)) {
    if (fence_agent_list) line = line.substr(0, line.find(','));
    else std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream words(line);
    std::string w;
    while (words >> w)
      if (printable_word(w, 255) &&
          std::none_of(hosts.begin(), hosts.end(), [&](const std::string& h) { return same_host(h, w); }))
        hosts.push_back(w);
  }
  return hosts;
}

bool same_host(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace pacer::stonithd
