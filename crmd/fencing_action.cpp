// The stonith crm-event: ask stonithd, erase the fenced node's status sections, confirm.
#include "crmd/fencing_action.h"

#include <fmt/format.h>

#include "crmd/status_updates.h"

namespace pacer::crmd {

bool start_fencing(const GraphAction& action, Millis stonith_timeout, FencingPort* port, CibPort& cib,
                   LogSink& log, std::function<void(bool ok)> confirm) {
  if (!port) {
    log.log(LogLevel::error, fmt::format("te_fence_node: Cannot fence {}: stonithd is not available", action.on_node));
    return false;
  }
  auto op = action.attributes.find("CRM_meta_stonith_action");
  std::string type = op != action.attributes.end() ? op->second : "reboot";
  log.log(LogLevel::info, fmt::format("te_fence_node: Executing {} fencing operation ({}) on {} (timeout={})", type,
                                      action.id, action.on_node, stonith_timeout.count()));
  std::string node = action.on_node, uuid = action.on_node_uuid;
  Status asked = port->fence(node, stonith_timeout,
                             [node, uuid, &cib, &log, confirm](bool ok, const std::string& detail) {
    if (!ok) {
      log.log(LogLevel::error, fmt::format("tengine_stonith_callback: Stonith of {} failed: {}", node, detail));
      return confirm(false);
    }
    log.log(LogLevel::info, fmt::format("tengine_stonith_callback: Stonith of {} passed (by {}): erasing its "
                                        "lrm and transient_attributes", node, detail));
    if (!uuid.empty())
      for (const char* section : {"lrm", "transient_attributes"})
        if (auto applied = cib.apply(erase_node_section(uuid, section)); !applied)
          log.log(LogLevel::warn, fmt::format("tengine_stonith_callback: erasing {} of {}: {}", section, node,
                                              applied.error_message()));
    confirm(true);
  });
  if (!asked) {
    log.log(LogLevel::error, fmt::format("te_fence_node: Cannot fence {}: {}", node, asked.message()));
    return false;
  }
  return true;
}

}  // namespace pacer::crmd
