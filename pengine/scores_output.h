// crm_simulate -s: each primitive's own score per node, in Pacemaker's line format
// ("pcmk__primitive_assign: prmEx allocation score on pm1: INFINITY"). The values are pacer's
// node scores before colocation; Pacemaker's intermediate group/clone lines are not reproduced.
#pragma once

#include <string>

#include "pengine/schedule.h"

namespace pacer::pengine {

std::string format_allocation_scores(const Schedule& schedule);

}  // namespace pacer::pengine
