// Small helpers on the HaConfig types (see ha_config.h).
#include "common/config/ha_config.h"

#include <algorithm>

#include "common/config/config_scalars.h"

namespace pacer::config {

std::string_view to_string(MediumKind kind) {
  switch (kind) {
    case MediumKind::bcast:
      return "bcast";
    case MediumKind::mcast:
      return "mcast";
    case MediumKind::ucast:
      return "ucast";
    case MediumKind::serial:
      return "serial";
    case MediumKind::mcast6:
      return "mcast6";
    case MediumKind::ucast6:
      return "ucast6";
  }
  return "unknown";
}

std::string medium_name(const Medium& medium) {
  std::string name(to_string(medium.kind));
  name += ' ';
  name += medium.interface;
  return name;
}

std::string ChildProgram::command_line() const {
  if (args.empty()) return path;
  return path + " " + args;
}

const ApiAuth* HaConfig::find_apiauth(std::string_view client) const {
  const auto it = std::find_if(apiauth.begin(), apiauth.end(),
                               [&](const ApiAuth& entry) { return entry.client == client; });
  return it == apiauth.end() ? nullptr : &*it;
}

bool HaConfig::has_node(std::string_view name) const {
  return std::any_of(nodes.begin(), nodes.end(),
                     [&](const std::string& node) { return equals_ignore_case(node, name); });
}

}  // namespace pacer::config
