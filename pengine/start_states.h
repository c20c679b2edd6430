// Which starts happen, which cannot, and why: the step between assignment and actions.
//
// Every primitive has a start, needed or not. It cannot run when the resource has no node, is
// blocked after a failure (on-fail=block), or lacks quorum; and a start that cannot run makes the
// starts that depend on it unrunnable too: the next member of a group, and the `then` side of a
// mandatory rsc_order (through a group's or clone's start). What already runs where it is
// assigned needs no start: an unrunnable one stops it only through a symmetrical order (group
// members' orders are), otherwise only when it also has to restart. A start that runs (or a stop
// of a primitive or group) forces a restart of what must start after it, through a symmetrical
// order. A start that cannot run also blocks the starts of what is colocated with it (INFINITY)
// ("colocation with X"), unless it is pinned where it runs by on-fail=block. All of it
// propagates until nothing changes, and the reasons are the reference's ("unrunnable grp1m1
// start", "required rsc3 start"; "required" where a running `then` had to restart because its
// `first` stops).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pengine/working_set.h"

namespace pacer::pengine {

enum class StartState {
  kNone,     // no node: nothing to start (its start counts as unrunnable for dependents)
  kStay,     // runs where it is assigned: the start is not needed
  kStart,    // starts (or restarts) on its assigned node
  kBlocked,  // would start or keep running, but its start cannot run: it ends up stopped
};

struct StartPlan {
  StartState state = StartState::kNone;
  std::string reason;  // for kStart: why a restart; for kBlocked: why unrunnable
};

// One plan per resource index (collectives too: a group or clone's plan is kBlocked when an
// order made its start unrunnable).
std::vector<StartPlan> plan_starts(const WorkingSet& ws);

}  // namespace pacer::pengine
