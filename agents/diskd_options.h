// diskd's command line, built by the ocf:pacemaker:diskd agent from its parameters (pm_diskd's):
//   diskd [-D] [-p PIDFILE] -a NAME [-i INTERVAL] (-N DEVICE | -w [-d DIR]) [-t TIMEOUT]
//         [-r RETRIES] [-I RETRY_INTERVAL] [-e DAMPEN] [-O] [-V]
// -i seconds 1..3600 (default 30), -t timeout (default 60 s as in 2.x), -r 0..10 (default 1),
// -I seconds (default 5), -e attrd dampening (default 0), -O oneshot: one round, then exit
// (0 normal, 1 ERROR). -w without -d writes in /tmp.
#pragma once

#include <string>
#include <vector>

#include "agents/disk_round.h"
#include "common/clock.h"
#include "common/result.h"

namespace pacer::agents {

struct DiskdOptions {
  bool daemonize = false;
  std::string pidfile;
  std::string name = "diskd";
  Millis interval{30000};
  std::string device;     // read check
  bool write_check = false;
  std::string directory = "/tmp";
  Millis timeout{60000};
  DiskRoundPolicy policy;
  Millis dampen{0};
  bool oneshot = false;
  int verbose = 0;

  const std::string& target() const { return write_check ? directory : device; }
};

Result<DiskdOptions> parse_diskd_args(const std::vector<std::string>& args);

}  // namespace pacer::agents
