// Writing the transition graph in Pacemaker 2.1.5's XML form: one synapse per runnable action,
// its predecessors as triggers. Attribute details follow the reference where pacer knows them;
// crmd relies on the ids, operations, keys, nodes and the agent parameters.
#include "pengine/graph_xml.h"

#include "common/xml.h"
#include "pengine/nvpairs.h"

namespace pacer::pengine {
namespace {

constexpr const char* kFeatureSet = "3.16.1";

std::string element_name(const Action& a) {
  if (a.kind == ActionKind::kFence || a.kind == ActionKind::kClearFailcount) return "crm_event";
  return a.pseudo ? "pseudo_event" : "rsc_op";
}

bool in_clone(const WorkingSet& ws, int r) {
  const auto& parent = ws.resources[r].parent;
  return parent && ws.resources[*parent].kind == ResourceKind::kClone;
}

std::string option(const WorkingSet& ws, std::string_view name, std::string fallback) {
  auto found = ws.options.raw.find(name);
  return found == ws.options.raw.end() ? fallback : found->second;
}

// The identifying attributes, shared by an action and the triggers naming it.
void identify(XmlNode element, const WorkingSet& ws, const Action& a) {
  element.set_attribute("id", std::to_string(a.id));
  element.set_attribute("operation", task_name(a));
  element.set_attribute("operation_key", operation_key(ws, a));
  if (a.rsc && in_clone(ws, *a.rsc))
    element.set_attribute("internal_operation_key", operation_key(ws, a, true));
  if (!a.pseudo) {
    element.set_attribute("on_node", ws.nodes[a.node].uname);
    element.set_attribute("on_node_uuid", ws.nodes[a.node].id);
  }
}

void describe_action(XmlNode element, const WorkingSet& ws, const Action& a) {
  identify(element, ws, a);
  Attributes attrs;
  attrs["crm_feature_set"] = kFeatureSet;
  if (!a.pseudo) {
    attrs["CRM_meta_on_node"] = ws.nodes[a.node].uname;
    attrs["CRM_meta_on_node_uuid"] = ws.nodes[a.node].id;
  }
  if (a.kind == ActionKind::kFence) {
    attrs["CRM_meta_stonith_action"] = ws.options.stonith_action;
  } else if (a.rsc) {
    const Resource& rsc = ws.resources[*a.rsc];
    attrs["CRM_meta_timeout"] = std::to_string(ws.operation_timeout_ms(rsc, task_name(a), a.interval_ms));
    if (rsc.kind == ResourceKind::kPrimitive && a.kind != ActionKind::kClearFailcount) {
      attrs["CRM_meta_name"] = a.kind == ActionKind::kCancel ? "monitor" : task_name(a);
      if (a.kind == ActionKind::kCancel) attrs["CRM_meta_operation"] = "monitor";
      if (a.role == Role::kMaster) attrs["CRM_meta_role"] = "Master";
      // A Master's monitor succeeds with "running as Master" (8), and crmd must know that.
      if (a.kind == ActionKind::kMonitor && a.role == Role::kMaster) attrs["CRM_meta_op_target_rc"] = "8";
      if (a.role == Role::kSlave) attrs["CRM_meta_role"] = "Slave";
      if (a.interval_ms > 0) attrs["CRM_meta_interval"] = std::to_string(a.interval_ms);
      for (const auto& [k, v] : rsc.params) attrs[k] = v;
      if (!a.pseudo) {
        XmlNode primitive = element.append_child("primitive");
        primitive.set_attribute("id", rsc.base_id);
        primitive.set_attribute("class", rsc.rclass);
        if (!rsc.provider.empty()) primitive.set_attribute("provider", rsc.provider);
        primitive.set_attribute("type", rsc.type);
      }
    }
    std::optional<int> clone = rsc.kind == ResourceKind::kClone ? std::optional<int>(*a.rsc)
                               : in_clone(ws, *a.rsc)           ? rsc.parent
                                                                : std::nullopt;
    if (clone) {
      const Resource& c = ws.resources[*clone];
      if (*clone != *a.rsc) attrs["CRM_meta_clone"] = rsc.id.substr(rsc.id.rfind(':') + 1);
      attrs["CRM_meta_clone_max"] = std::to_string(c.clone_max);
      attrs["CRM_meta_clone_node_max"] = std::to_string(c.clone_node_max);
      attrs["CRM_meta_globally_unique"] = "false";
      attrs["CRM_meta_notify"] = "false";
      if (c.promotable) {
        attrs["CRM_meta_master_max"] = std::to_string(c.master_max);
        attrs["CRM_meta_master_node_max"] = std::to_string(c.master_node_max);
        attrs["CRM_meta_promoted_max"] = std::to_string(c.master_max);
        attrs["CRM_meta_promoted_node_max"] = std::to_string(c.master_node_max);
      }
    }
  }
  XmlNode attributes = element.append_child("attributes");
  for (const auto& [k, v] : attrs) attributes.set_attribute(k, v);
  if (a.kind == ActionKind::kFence && ws.options.stonith_action != "on")
    element.append_child("downed").append_child("node").set_attribute("id", ws.nodes[a.node].id);
}

}  // namespace

std::string task_name(const Action& action) {
  switch (action.kind) {
    case ActionKind::kStart: return "start";
    case ActionKind::kStop: return "stop";
    case ActionKind::kMonitor: return "monitor";
    case ActionKind::kFence: return "stonith";
    case ActionKind::kRunning: return "running";
    case ActionKind::kStopped: return "stopped";
    case ActionKind::kClearFailcount: return "clear_failcount";
    case ActionKind::kPromote: return "promote";
    case ActionKind::kDemote: return "demote";
    case ActionKind::kPromoted: return "promoted";
    case ActionKind::kDemoted: return "demoted";
    case ActionKind::kCancel: return "cancel";
  }
  return "unknown";
}

std::string operation_key(const WorkingSet& ws, const Action& a, bool instance) {
  if (a.kind == ActionKind::kFence)
    return "stonith-" + ws.nodes[a.node].uname + "-" + ws.options.stonith_action;
  const Resource& rsc = ws.resources[*a.rsc];
  // A cancel is named after the monitor it cancels.
  std::string task = a.kind == ActionKind::kCancel ? "monitor" : task_name(a);
  return (instance ? rsc.id : rsc.base_id) + "_" + task + "_" + std::to_string(a.interval_ms);
}

std::string format_graph_xml(const Schedule& schedule, int transition_id) {
  const WorkingSet& ws = schedule.working_set;
  const TransitionGraph& graph = schedule.graph;
  XmlDocument doc = XmlDocument::with_root("transition_graph");
  XmlNode root = doc.root();
  root.set_attribute("cluster-delay", option(ws, "cluster-delay", "60s"));
  root.set_attribute("stonith-timeout", option(ws, "stonith-timeout", "60s"));
  root.set_attribute("failed-stop-offset", "INFINITY");
  root.set_attribute("failed-start-offset", ws.options.start_failure_is_fatal ? "INFINITY" : "1");
  root.set_attribute("batch-limit", option(ws, "batch-limit", "0"));
  root.set_attribute("transition_id", std::to_string(transition_id));
  std::vector<std::vector<int>> inputs(graph.actions.size());
  for (const auto& [first, then] : graph.orderings) inputs[then].push_back(first);
  int synapse_id = 0;
  for (const Action& a : graph.actions) {
    if (!a.runnable) continue;
    XmlNode synapse = root.append_child("synapse");
    synapse.set_attribute("id", std::to_string(synapse_id++));
    describe_action(synapse.append_child("action_set").append_child(element_name(a)), ws, a);
    XmlNode in = synapse.append_child("inputs");
    for (int first : inputs[a.id]) {
      const Action& f = graph.actions[first];
      if (!f.runnable) continue;
      identify(in.append_child("trigger").append_child(element_name(f)), ws, f);
    }
  }
  return doc.serialize(true);
}

}  // namespace pacer::pengine
