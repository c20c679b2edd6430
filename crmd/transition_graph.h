// The transition graph as crmd receives it from the policy engine (docs/transition-graph.md):
// synapses, each holding one action and the ids of the actions it waits for.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace pacer::crmd {

enum class ActionType { rsc_op, pseudo_event, crm_event };

struct GraphAction {
  int id = 0;
  ActionType type = ActionType::pseudo_event;
  std::string operation;      // start, stop, monitor, stonith, clear_failcount, ...
  std::string operation_key;  // prmEx_start_0
  std::string on_node;        // empty for pseudo events
  std::string on_node_uuid;
  // rsc_op: the resource and what the agent gets.
  std::string rsc_id, rsc_class, rsc_provider, rsc_type;
  std::map<std::string, std::string> attributes;  // parameters and CRM_meta_*
  Millis timeout{20000};      // CRM_meta_timeout (20 s when absent, Pacemaker's default)
  long long interval_ms = 0;  // CRM_meta_interval
};

struct Synapse {
  int id = 0;
  int priority = 0;
  GraphAction action;
  std::vector<int> inputs;  // ids of actions that must be confirmed first
};

struct Graph {
  int transition_id = 0;
  Millis cluster_delay{60000};
  Millis stonith_timeout{60000};
  int batch_limit = 0;  // 0: no limit
  std::vector<Synapse> synapses;
};

// Parses the graph XML. A malformed graph names the synapse or action that is wrong.
Result<Graph> parse_graph(std::string_view xml);

// "60s", "500ms", "2min", "1000" (ms): Pacemaker's interval syntax as graphs carry it.
Result<Millis> parse_duration(std::string_view text);

}  // namespace pacer::crmd
