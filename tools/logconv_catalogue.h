// pm_logconv's message catalogue (shared/spec/pm-logconv.md section 3, all but the fail-over
// summary): which input line gives which operator message. A table of entries, each naming its
// catalogue number, the process it listens to and a handler; the first entry that answers wins.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tools/logconv_line.h"
#include "tools/logconv_message.h"

namespace pacer::tools {

// What the catalogue remembers between lines.
struct CatalogueState {
  std::set<std::string> ping_hosts;  // from ha.cf: their node/link messages are suppressed
  std::set<std::pair<std::string, std::string>> timed_out;  // (rsc, op) stonithd killed
  bool reset_requested = false;  // 23-3 "Local status now set to: 'up'"
};

struct CatalogueMatch {
  std::string id;  // "1-1", "20-4"...
  std::optional<LogconvMessage> message;  // nullopt: recognised, nothing to print
};

std::optional<CatalogueMatch> match_catalogue(const LogLine& line, CatalogueState& state);

// Every catalogue number the table knows, in table order (for the coverage test).
std::vector<std::string> catalogue_ids();

}  // namespace pacer::tools
