// The order a simulated run carries a transition out in: every action after all of its inputs,
// ready actions in creation order (Kahn's algorithm). crm_simulate -S prints its actions in this
// order and records their results in it, so a start's result comes after its probe's.
#pragma once

#include <vector>

#include "pengine/graph.h"

namespace pacer::pengine {

// Action ids, unrunnable ones included; actions on an ordering cycle are left out.
std::vector<int> execution_order(const TransitionGraph& graph);

}  // namespace pacer::pengine
