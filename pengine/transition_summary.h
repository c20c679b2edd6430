// The Transition Summary block of crm_simulate, in Pacemaker's exact text format.
//
// One line per fencing, then one per resource change in resource order:
//   "  * Move       prmEx   ( pm1 -> pm2 )"
// The resource column is as wide as the widest name seen so far when laid out, growing to
// name+2 each time a name exceeds it (from 5); the detail column is right-aligned to the widest
// detail (at least 5). Pacemaker lays the summary out twice (log, then screen), so every printed
// line uses the final widths.
#pragma once

#include <string>
#include <vector>

#include "pengine/schedule.h"

namespace pacer::pengine {

struct SummaryItem {
  std::string change;  // "Move", "Stop", "Start", "Recover", "Restart"
  std::string rsc;
  std::string details;  // "pm1 -> pm2" or "pm1"
  std::string reason;   // without "due to"
  bool blocked = false;  // printed as "blocked" instead of a reason
};

std::vector<SummaryItem> summary_items(const Schedule& schedule);
// "Transition Summary:\n" and the lines, each ending in a newline.
std::string format_transition_summary(const Schedule& schedule);

}  // namespace pacer::pengine
