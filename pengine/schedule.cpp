// The scheduling pipeline, one stage per call.
#include "pengine/schedule.h"

#include "pengine/actions.h"
#include "pengine/assignment.h"
#include "pengine/collective_actions.h"
#include "pengine/fencing.h"
#include "pengine/node_scores.h"
#include "pengine/orderings.h"
#include "pengine/probes.h"
#include "pengine/unpack.h"

namespace pacer::pengine {

Result<Schedule> schedule(const XmlDocument& cib, std::int64_t now,
                          const ScheduleOptions& /*options*/) {
  auto unpacked = unpack_cib(cib, now);
  if (!unpacked) return unpacked.status();
  Schedule result{std::move(*unpacked), {}};
  WorkingSet& ws = result.working_set;
  compute_node_scores(ws);
  assign_resources(ws);
  create_resource_actions(ws, result.graph);
  create_fencing_actions(ws, result.graph);
  block_unstoppable(ws, result.graph);
  create_collective_actions(ws, result.graph);
  create_probes(ws, result.graph);
  create_orderings(ws, result.graph);
  return result;
}

}  // namespace pacer::pengine
