// Text layout of the cluster status, following Pacemaker 2.1's crm_simulate.
#include "pengine/cluster_status.h"

#include "pengine/graph_xml.h"

#include <algorithm>

#include <fmt/ranges.h>

namespace pacer::pengine {
namespace {

std::string agent_of(const Resource& rsc) {
  if (rsc.provider.empty()) return rsc.rclass + ":" + rsc.type;
  return rsc.rclass + ":" + rsc.provider + ":" + rsc.type;
}

std::string state_of(const WorkingSet& ws, const Resource& rsc) {
  if (rsc.running_on.empty()) return "Stopped";
  std::string out = rsc.failed ? "FAILED" : "Started";
  if (rsc.master) out += rsc.failed ? " Promoted" : "";
  for (int n : rsc.running_on) {
    const Node& node = ws.nodes[n];
    out += " " + node.uname;
    // Only a node that is both gone and unclean makes its resources' state uncertain.
    if (!node.online && node.unclean) out += " (UNCLEAN)";
  }
  return out;
}

std::string primitive_line(const WorkingSet& ws, const Resource& rsc, std::string_view indent,
                           const std::string& name) {
  return fmt::format("{}* {}\t({}):\t {}{}\n", indent, name, agent_of(rsc), state_of(ws, rsc),
                     rsc.target_stopped ? " (disabled)" : "");
}

std::string node_list(const WorkingSet& ws, const std::vector<int>& nodes) {
  std::vector<std::string> names;
  for (int n : nodes) names.push_back(ws.nodes[n].uname);
  std::sort(names.begin(), names.end());
  return fmt::format("[ {} ]", fmt::join(names, " "));
}

std::string clone_block(const WorkingSet& ws, const Resource& clone) {
  const Resource& tmpl = ws.resources[*clone.clone_template];
  std::string out = fmt::format("    * Clone Set: {} [{}]{}:\n", clone.id, tmpl.id,
                                clone.promotable ? " (promotable)" : "");
  std::vector<int> started, active, promoted;
  std::string odd;
  for (int i : clone.children) {
    const Resource& inst = ws.resources[i];
    for (int n : inst.running_on) active.push_back(n);
    bool plain = inst.running_on.size() == 1 && !inst.failed &&
                 !(ws.nodes[inst.running_on[0]].unclean && !ws.nodes[inst.running_on[0]].online);
    if (plain) (inst.master ? promoted : started).push_back(inst.running_on[0]);
    else if (!inst.running_on.empty()) odd += primitive_line(ws, inst, "      ", tmpl.id);
  }
  out += odd;
  if (!promoted.empty()) out += "      * Promoted: " + node_list(ws, promoted) + "\n";
  if (!started.empty())
    out += fmt::format("      * {}: {}\n", clone.promotable ? "Unpromoted" : "Started", node_list(ws, started));
  std::vector<int> stopped;
  for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n)
    if (std::find(active.begin(), active.end(), n) == active.end()) stopped.push_back(n);
  // Nodes without an instance are listed only while some instance is not running.
  int running = 0;
  for (int i : clone.children)
    if (!ws.resources[i].orphan && !ws.resources[i].running_on.empty()) ++running;
  if (!stopped.empty() && running < clone.clone_max)
    out += "      * Stopped: " + node_list(ws, stopped) + "\n";
  return out;
}

}  // namespace

std::string format_disabled_count(const WorkingSet& ws) {
  int total = 0, disabled = 0, blocked = 0;
  for (int p : ws.primitives_in_order()) {
    ++total;
    if (ws.resources[p].target_stopped) ++disabled;
    if ((!ws.resources[p].managed && ws.resources[p].failed) || ws.resources[p].blocked) ++blocked;
  }
  if (disabled == 0 && blocked == 0) return "";
  return fmt::format("{} of {} resource instances DISABLED and {} BLOCKED from further action due "
                     "to failure\n\n", disabled, total, blocked);
}

std::string format_cluster_status(const WorkingSet& ws) {
  std::string out = "  * Node List:\n";
  std::vector<int> online, offline;
  for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n) {
    const Node& node = ws.nodes[n];
    if (node.unclean) {
      out += fmt::format("    * Node {}: UNCLEAN ({})\n", node.uname, node.online ? "online" : "offline");
    } else if (node.online && node.standby) {
      bool busy = std::any_of(ws.resources.begin(), ws.resources.end(), [&](const Resource& r) {
        return std::find(r.running_on.begin(), r.running_on.end(), n) != r.running_on.end();
      });
      out += fmt::format("    * Node {}: standby{}\n", node.uname, busy ? " (with active resources)" : "");
    } else if (node.online) {
      online.push_back(n);
    } else if (node.standby) {
      out += fmt::format("    * Node {}: OFFLINE (standby)\n", node.uname);
    } else {
      offline.push_back(n);
    }
  }
  if (!online.empty()) out += "    * Online: " + node_list(ws, online) + "\n";
  if (!offline.empty()) out += "    * OFFLINE: " + node_list(ws, offline) + "\n";
  out += "\n  * Full List of Resources:\n";
  for (int r : ws.top_level) {
    const Resource& rsc = ws.resources[r];
    if (rsc.kind == ResourceKind::kPrimitive) {
      out += primitive_line(ws, rsc, "    ", rsc.id);
    } else if (rsc.kind == ResourceKind::kGroup) {
      out += fmt::format("    * Resource Group: {}{}:\n", rsc.id, rsc.target_stopped ? " (disabled)" : "");
      for (int m : rsc.children) out += primitive_line(ws, ws.resources[m], "      ", ws.resources[m].id);
    } else {
      out += clone_block(ws, rsc);
    }
  }
  return out;
}

std::string format_executed_actions(const Schedule& schedule, const std::vector<int>& executed) {
  const WorkingSet& ws = schedule.working_set;
  std::string out;
  for (int action_id : executed) {
    const Action& a = schedule.graph.actions[action_id];
    if (!a.runnable) continue;
    if (a.kind == ActionKind::kFence) {
      out += fmt::format("  * Fencing {} ({})\n", ws.nodes[a.node].uname, ws.options.stonith_action);
      continue;
    }
    const std::string& id = ws.resources[*a.rsc].base_id;
    if (a.kind == ActionKind::kClearFailcount) {
      out += fmt::format("  * Cluster action:  clear_failcount for {} on {}\n", id, ws.nodes[a.node].uname);
      continue;
    }
    std::string task = a.kind == ActionKind::kMonitor && a.interval_ms > 0 ? fmt::format("monitor={}", a.interval_ms)
                       : a.kind == ActionKind::kCancel                   ? fmt::format("cancel={}", a.interval_ms)
                                                                         : task_name(a);
    if (a.pseudo) out += fmt::format("  * Pseudo action:   {}\n", operation_key(ws, a));
    else out += fmt::format("  * Resource action: {:<15} {} on {}\n", id, task, ws.nodes[a.node].uname);
  }
  return out;
}

}  // namespace pacer::pengine
