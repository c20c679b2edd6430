// One probing round of pingd: every host in host_list is tried up to `attempts` times; the
// attribute is multiplier x the number of hosts that answered. Hosts that did not answer produce
// Pacemaker 1.0 pingd's log line, which pm_logconv turns into "Network to <ip> is unreachable.":
//   stand_alone_ping: Node <ip> is unreachable (read)     no reply in time
//   stand_alone_ping: Node <ip> is unreachable (write)    the request could not be sent
// Pure: the probe is a seam.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pacer::agents {

enum class ProbeOutcome { reply, no_reply, send_failed };

using Probe = std::function<ProbeOutcome(const std::string& host)>;

struct PingRoundResult {
  int reachable = 0;
  long long score = 0;
  std::vector<std::string> log_lines;  // info lines for unreachable hosts
};

long long ping_score(int reachable, long long multiplier);

PingRoundResult ping_round(const std::vector<std::string>& hosts, int attempts, long long multiplier,
                           const Probe& probe);

}  // namespace pacer::agents
