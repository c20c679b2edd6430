// pingd's scoring; see ping_round.h.
#include "agents/ping_round.h"

#include <fmt/format.h>

namespace pacer::agents {

long long ping_score(int reachable, long long multiplier) { return multiplier * reachable; }

PingRoundResult ping_round(const std::vector<std::string>& hosts, int attempts, long long multiplier,
                           const Probe& probe) {
  PingRoundResult r;
  for (const std::string& host : hosts) {
    ProbeOutcome last = ProbeOutcome::no_reply;
    for (int i = 0; i < std::max(attempts, 1); ++i) {
      last = probe(host);
      if (last == ProbeOutcome::reply) break;
    }
    if (last == ProbeOutcome::reply) {
      ++r.reachable;
    } else {
      r.log_lines.push_back(fmt::format("stand_alone_ping: Node {} is unreachable ({})", host,
                                        last == ProbeOutcome::send_failed ? "write" : "read"));
    }
  }
  r.score = ping_score(r.reachable, multiplier);
  return r;
}

}  // namespace pacer::agents
