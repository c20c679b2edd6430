#include "pengine/graph_dot.h"

#include <fmt/format.h>

#include "pengine/graph_xml.h"

namespace pacer::pengine {

std::string dot_label(const WorkingSet& ws, const Action& action) {
  if (action.kind == ActionKind::kFence)
    return fmt::format("stonith '{}' {}", ws.options.stonith_action, ws.nodes[action.node].uname);
  const Resource& rsc = ws.resources[*action.rsc];
  // A collective's own events are not placed on a node.
  if (rsc.kind != ResourceKind::kPrimitive) return operation_key(ws, action);
  // An instance already known is shown under the id its history names it by (the configured
  // id, or 1.0's "rsc:N"); one that is still to be placed keeps its instance number (the
  // reference's clone_name rule). A cancelled monitor is labelled as such.
  std::string name = rsc.running_on.empty()    ? rsc.id
                     : rsc.history_id.empty() ? rsc.base_id
                                               : rsc.history_id;
  std::string key = name + operation_key(ws, action).substr(rsc.base_id.size());
  return (action.kind == ActionKind::kCancel ? "Cancel " : "") + key + " " + ws.nodes[action.node].uname;
}

std::string format_graph_dot(const Schedule& schedule) {
  const WorkingSet& ws = schedule.working_set;
  const TransitionGraph& graph = schedule.graph;
  std::string out = " digraph \"g\" {\n";
  for (auto it = graph.actions.rbegin(); it != graph.actions.rend(); ++it) {
    const Action& a = *it;
    out += fmt::format("\"{}\" [ style={} color=\"{}\" fontcolor=\"{}\"]\n", dot_label(ws, a),
                       a.runnable ? "bold" : "dashed", a.runnable ? "green" : "red",
                       a.pseudo ? "orange" : "black");
  }
  for (const auto& [first, then] : graph.orderings) {
    const Action& f = graph.actions[first];
    const Action& t = graph.actions[then];
    out += fmt::format("\"{}\" -> \"{}\" [ style = {}]\n", dot_label(ws, f), dot_label(ws, t),
                       f.runnable && t.runnable ? "bold" : "dashed");
  }
  out += "}\n";
  return out;
}

}  // namespace pacer::pengine
