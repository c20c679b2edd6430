// diskd's option parsing and checks.
#include "agents/diskd_options.h"

#include <fmt/format.h>

#include "agents/short_options.h"
#include "attrd/attrd_protocol.h"
#include "attrd/pacemaker_duration.h"

namespace pacer::agents {
namespace {

Result<Millis> seconds(const std::string& text, std::string_view what, long long min, long long max) {
  auto d = attrd::parse_duration(text);
  if (!d || *d < Millis(min * 1000) || *d > Millis(max * 1000))
    return Status::error(fmt::format("invalid {} '{}' ({}..{} s)", what, text, min, max));
  return *d;
}

Status check_path(const std::string& path, std::string_view what) {
  if (path.empty() || path[0] != '/' || path.size() > 4096)
    return Status::error(fmt::format("{} must be an absolute path", what));
  for (unsigned char c : path)
    if (c < 0x20) return Status::error(fmt::format("{} has a control character", what));
  return Status::ok();
}

}  // namespace

Result<DiskdOptions> parse_diskd_args(const std::vector<std::string>& args) {
  auto parsed = parse_short_options(args, "Dp:a:i:N:wd:t:r:I:e:OV");
  if (!parsed) return parsed.status();
  DiskdOptions o;
  for (const auto& [letter, value] : *parsed) {
    switch (letter) {
      case 'D': o.daemonize = true; break;
      case 'V': ++o.verbose; break;
      case 'O': o.oneshot = true; break;
      case 'w': o.write_check = true; break;
      case 'p': o.pidfile = value; break;
      case 'a':
        if (Status s = attrd::validate_name(value); !s) return s;
        o.name = value;
        break;
      case 'N':
        if (Status s = check_path(value, "device"); !s) return s;
        o.device = value;
        break;
      case 'd':
        if (Status s = check_path(value, "directory"); !s) return s;
        o.directory = value;
        break;
      case 'i': {
        auto d = seconds(value, "interval", 1, 3600);
        if (!d) return d.status();
        o.interval = *d;
        break;
      }
      case 't': {
        auto d = seconds(value, "timeout", 1, 600);
        if (!d) return d.status();
        o.timeout = *d;
        break;
      }
      case 'I': {
        auto d = seconds(value, "retry interval", 0, 3600);
        if (!d) return d.status();
        o.policy.retry_interval = *d;
        break;
      }
      case 'r': {
        auto n = parse_bounded_int(value, 0, 10, "retries");
        if (!n) return n.status();
        o.policy.retries = static_cast<int>(*n);
        break;
      }
      case 'e': {
        auto d = attrd::parse_duration(value);
        if (!d || *d > attrd::kMaxDampen) return Status::error(fmt::format("invalid dampen '{}'", value));
        o.dampen = *d;
        break;
      }
    }
  }
  if (o.write_check == !o.device.empty())
    return Status::error("give either -N DEVICE (read check) or -w [-d DIR] (write check)");
  return o;
}

}  // namespace pacer::agents
