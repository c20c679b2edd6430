// Allocation score lines for crm_simulate -s.
#include "pengine/scores_output.h"

namespace pacer::pengine {

std::string format_allocation_scores(const Schedule& schedule) {
  const WorkingSet& ws = schedule.working_set;
  std::string out;
  for (int p : ws.primitives_in_order()) {
    const Resource& rsc = ws.resources[p];
    for (const auto& [node, score] : rsc.node_scores)
      out += fmt::format("pcmk__primitive_assign: {} allocation score on {}: {}\n", rsc.id,
                         ws.nodes[node].uname, format_score(score));
  }
  return out;
}

}  // namespace pacer::pengine
