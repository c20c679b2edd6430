// Turning what happened to an agent run into the OperationResult lrmd records and reports, keeping
// the agent's rc apart from the op status (STYLE.md habit 6):
//   ran to its exit       -> status done, rc = the class's mapping of the exit code
//   killed by our timeout -> status "Timed Out" (2), rc -2, whatever the agent did after SIGTERM
//   killed by a signal    -> status error (4), rc -2
//   could not exec        -> ENOENT/EISDIR rc 5, EACCES rc 4 (status done, as cluster-glue's
//                            lrmd reported them); any other errno: status error, rc -2
// Pure functions, no clock: the caller passes the times.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "lrmd/operation_executor.h"
#include "lrmd/resource_class.h"

namespace pacer::lrmd {

struct OutcomeContext {
  int call_id = 0;
  const OperationRequest* request = nullptr;
  Millis timeout{0};
  MonoTime due{};               // when this run was due: queue time = started - due
  std::int64_t wall_seconds = 0;  // now, for run_time
  size_t max_output_bytes = 4096;
};

// The result of an executed plan. `klass` maps the exit code.
OperationResult result_from_exec(const OutcomeContext& context, const ResourceClass& klass,
                                 const ExecOutcome& outcome);

// The result of an outcome decided without running anything.
OperationResult result_from_immediate(const OutcomeContext& context,
                                      const ImmediateOutcome& outcome);

// Whether a recurring op's result goes to its client: the first one, and then only when rc or op
// status changed (unless the client asked for every result). One-shot results always go.
bool should_report(const std::optional<std::pair<int, OpStatus>>& last_reported,
                   const OperationResult& result, bool recurring, bool every_time);

// `text` cut to `max_bytes`, with a marker saying it was cut.
std::string cap_output(std::string text, size_t max_bytes);

}  // namespace pacer::lrmd
