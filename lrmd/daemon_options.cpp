// Parsing lrmd's arguments. Numbers are checked, unknown flags are errors.
#include "lrmd/daemon_options.h"

#include <charconv>

#include <fmt/format.h>

namespace pacer::lrmd {
namespace {

Result<size_t> parse_count(const std::string& text, const std::string& what) {
  size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > 1024)
    return Status::error(fmt::format("{} must be a number 1..1024, not '{}'", what, text));
  return n;
}

}  // namespace

std::string daemon_usage() {
  return "usage: lrmd [-r] [-d] [--stderr] [--service NAME] [--max-children N] [--ocf-root DIR]\n"
         "            [--init-dir DIR] [--stonith PATH] [--ha-cf PATH] [--no-logtag-pid]\n";
}

Result<DaemonOptions> parse_daemon_args(const std::vector<std::string>& args, const GetEnv& env) {
  DaemonOptions o;
  if (auto n = env("LRMD_MAX_CHILDREN")) {
    auto count = parse_count(*n, "LRMD_MAX_CHILDREN");
    if (!count) return count.status();
    o.max_children = *count;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= args.size()) return Status::error(fmt::format("{} needs a value", a));
      return args[++i];
    };
    if (a == "-r") continue;
    if (a == "-h" || a == "--help") o.help = true;
    else if (a == "-d") ++o.debug;
    else if (a == "--stderr") o.to_stderr = true;
    else if (a == "--no-logtag-pid") o.logtag_pid = false;
    else if (a == "--service" || a == "--ocf-root" || a == "--init-dir" || a == "--stonith" ||
             a == "--ha-cf" || a == "--max-children") {
      auto v = value();
      if (!v) return v.status();
      if (a == "--service") o.service = *v;
      else if (a == "--ocf-root") o.ocf_root = *v;
      else if (a == "--init-dir") o.init_dir = *v;
      else if (a == "--stonith") o.stonith_command = *v;
      else if (a == "--ha-cf") o.ha_cf = *v;
      else {
        auto count = parse_count(*v, "--max-children");
        if (!count) return count.status();
        o.max_children = *count;
      }
    } else {
      return Status::error(fmt::format("unknown argument '{}'", a));
    }
  }
  return o;
}

std::optional<AgentLogSettings> log_settings_from_env(const GetEnv& env) {
  auto facility = env("HA_logfacility");
  if (!facility) facility = env("HA_LOGFACILITY");
  auto logfile = env("HA_logfile");
  auto debugfile = env("HA_debugfile");
  if (!facility && !logfile && !debugfile) return std::nullopt;
  AgentLogSettings s;
  if (facility && *facility != "none") s.facility = *facility;
  if (logfile) s.logfile = *logfile;
  if (debugfile) s.debuglog = *debugfile;
  if (auto debug = env("HA_debug")) s.debug = std::atoi(debug->c_str());
  return s;
}

}  // namespace pacer::lrmd
