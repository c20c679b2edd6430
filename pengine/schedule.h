// The policy engine's entry point: a pure function from a CIB to a transition graph.
//
//   unpack config and status -> node eligibility and scores -> constraints -> assignment
//   -> actions -> fencing -> orderings -> graph
//
// No IPC, no files, no clock (the caller passes `now`), no globals: the pengine daemon and
// crm_simulate are shells around this call.
#pragma once

#include <cstdint>

#include "common/result.h"
#include "common/xml.h"
#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

struct ScheduleOptions {
  // Reserved for crm_simulate's injections (quorum, node up/down); nothing yet.
};

// The decision together with the unpacked state it was made from (for status and summaries).
struct Schedule {
  WorkingSet working_set;
  TransitionGraph graph;
};

// `now` is seconds since the epoch; it decides failure-timeout expiry.
Result<Schedule> schedule(const XmlDocument& cib, std::int64_t now, const ScheduleOptions& options);

}  // namespace pacer::pengine
