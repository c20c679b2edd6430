// The stonith crm-event: ask stonithd, erase the fenced node's status sections, confirm.
#include "crmd/fencing_action.h"

#include <fmt/format.h>

#include "common/xml.h"
#include "crmd/status_updates.h"

namespace pacer::crmd {

bool start_fencing(const GraphAction& action, Millis stonith_timeout, FencingPort* port, ApplyCib apply,
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
                             [node, uuid, apply, &log, confirm](bool ok, const std::string& detail) {
    if (!ok) {
      log.log(LogLevel::error, fmt::format("tengine_stonith_callback: Stonith of {} failed: {}", node, detail));
      return confirm(false);
    }
    log.log(LogLevel::info, fmt::format("tengine_stonith_callback: Stonith of {} passed (by {}): erasing its "
                                        "lrm and transient_attributes", node, detail));
    if (!uuid.empty()) {
      apply(node_state_update({uuid, node, false, false, "down", "down", "tengine_stonith_callback"}));
      apply(erase_node_section(uuid, "lrm"));
      apply(erase_node_section(uuid, "transient_attributes"));
    }
    confirm(true);
  });
  if (!asked) {
    log.log(LogLevel::error, fmt::format("te_fence_node: Cannot fence {}: {}", node, asked.message()));
    return false;
  }
  return true;
}

bool stonith_enabled(CibPort& cib) {
  auto xml = cib.query();
  if (!xml) return false;
  auto doc = XmlDocument::parse(*xml, "cib");
  if (!doc) return false;
  auto found = doc->select("/cib/configuration/crm_config//nvpair[@name='stonith-enabled']");
  if (!found || found->empty()) return true;
  auto value = found->front().attribute("value").value_or("true");
  return value == "true" || value == "yes" || value == "on" || value == "1" || value == "y";
}

void record_node_loss(const std::string& uuid, const std::string& node, bool fence, const ApplyCib& apply) {
  if (fence) {
    apply(node_state_update({uuid, node, false, false, "down", "member", "do_update_node_cib"}));
    return;
  }
  apply(node_state_update({uuid, node, false, false, "down", "down", "do_update_node_cib"}));
  apply(erase_node_section(uuid, "lrm"));
  apply(erase_node_section(uuid, "transient_attributes"));
}

}  // namespace pacer::crmd
