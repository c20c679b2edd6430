// pingd's command line, built by the ocf:pacemaker:pingd agent from its parameters:
//   pingd [-D] [-p PIDFILE] -a NAME [-d DAMPEN] [-m MULTIPLIER] -h HOST [-h HOST...]
//         [-i INTERVAL] [-t TIMEOUT] [-A ATTEMPTS] [-V]
// Defaults as Pacemaker 1.0's pingd: name pingd, dampen 5s, multiplier 1, interval 1s, timeout 2s,
// attempts 2. Hosts are IPv4 addresses (the probe sends ICMP to them directly).
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace pacer::agents {

struct PingdOptions {
  bool daemonize = false;
  std::string pidfile;
  std::string name = "pingd";
  Millis dampen{5000};
  long long multiplier = 1;
  std::vector<std::string> hosts;
  Millis interval{1000};
  Millis timeout{2000};
  int attempts = 2;
  int verbose = 0;
};

Result<PingdOptions> parse_pingd_args(const std::vector<std::string>& args);

}  // namespace pacer::agents
