// ifcheckd's option parsing.
#include "ifcheckd/ifcheckd_options.h"

#include <fmt/format.h>

#include "attrd/pacemaker_duration.h"

namespace pacer::ifcheckd {

std::string ifcheckd_usage() {
  return "usage: ifcheckd [-D] [-V] [-d DAMPEN] [-p PIDFILE] [--no-dc-wait] [-$] [-?]\n";
}

Result<IfcheckdOptions> parse_ifcheckd_args(const std::vector<std::string>& args) {
  IfcheckdOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--no-dc-wait") {
      o.wait_for_dc = false;
      continue;
    }
    if (a == "--help") {
      o.help = true;
      continue;
    }
    if (a.size() < 2 || a[0] != '-' || a[1] == '-')
      return Status::error(fmt::format("unexpected argument '{}'", a));
    for (std::size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      auto value = [&]() -> Result<std::string> {
        std::string v;
        if (j + 1 < a.size()) v = a.substr(j + 1);
        else if (i + 1 < args.size()) v = args[++i];
        else return Status::error(fmt::format("option '-{}' needs a value", c));
        j = a.size();
        return v;
      };
      switch (c) {
        case 'D': o.daemonize = true; break;
        case 'V': ++o.verbose; break;
        case '$': o.version = true; break;
        case '?': case 'h': o.help = true; break;
        case 'd': {
          auto v = value();
          if (!v) return v.status();
          auto d = attrd::parse_duration(*v);
          if (!d) return Status::error(fmt::format("invalid dampening '{}'", *v));
          o.dampen = *d;
          break;
        }
        case 'p': {
          auto v = value();
          if (!v) return v.status();
          if (v->empty()) return Status::error("empty pid file name");
          o.pidfile = *v;
          break;
        }
        default: return Status::error(fmt::format("unknown option '-{}'", c));
      }
    }
  }
  return o;
}

}  // namespace pacer::ifcheckd
