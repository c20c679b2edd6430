// Allocation score lines for crm_simulate -s.
#include "pengine/scores_output.h"

namespace pacer::pengine {

std::string format_allocation_scores(const Schedule& schedule) {
  std::string out;
  for (const auto& line : schedule.working_set.score_lines) out += line + "\n";
  return out;
}

}  // namespace pacer::pengine
