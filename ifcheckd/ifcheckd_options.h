// ifcheckd's command line, as pm_extras had it: -d DAMPEN (attrd dampening, default 0), -p PIDFILE
// (default /var/run/ifcheckd.pid), -D (daemonize), -V (more verbose), -$ (version), -? / -h (help).
// pacer adds --no-dc-wait: start at once instead of waiting for a CIB with a DC recorded (for a
// cluster run without crmd, where nothing records one).
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace pacer::ifcheckd {

struct IfcheckdOptions {
  Millis dampen{0};
  std::string pidfile = "/var/run/ifcheckd.pid";
  bool daemonize = false;
  int verbose = 0;
  bool wait_for_dc = true;
  bool help = false;
  bool version = false;
};

Result<IfcheckdOptions> parse_ifcheckd_args(const std::vector<std::string>& args);
std::string ifcheckd_usage();

}  // namespace pacer::ifcheckd
