// pingd's option parsing and checks.
#include "agents/pingd_options.h"

#include <arpa/inet.h>

#include <fmt/format.h>

#include "agents/short_options.h"
#include "attrd/attrd_protocol.h"
#include "attrd/pacemaker_duration.h"

namespace pacer::agents {
namespace {

Result<Millis> duration(const std::string& text, std::string_view what, Millis min, Millis max) {
  auto d = attrd::parse_duration(text);
  if (!d || *d < min || *d > max) return Status::error(fmt::format("invalid {} '{}'", what, text));
  return *d;
}

}  // namespace

Result<PingdOptions> parse_pingd_args(const std::vector<std::string>& args) {
  auto parsed = parse_short_options(args, "Dp:a:d:m:h:i:t:A:V");
  if (!parsed) return parsed.status();
  PingdOptions o;
  for (const auto& [letter, value] : *parsed) {
    switch (letter) {
      case 'D': o.daemonize = true; break;
      case 'V': ++o.verbose; break;
      case 'p': o.pidfile = value; break;
      case 'a':
        if (Status s = attrd::validate_name(value); !s) return s;
        o.name = value;
        break;
      case 'd': {
        auto d = duration(value, "dampen", Millis(0), attrd::kMaxDampen);
        if (!d) return d.status();
        o.dampen = *d;
        break;
      }
      case 'm': {
        auto m = parse_bounded_int(value, -1'000'000, 1'000'000, "multiplier");
        if (!m) return m.status();
        o.multiplier = *m;
        break;
      }
      case 'h': {
        in_addr a{};
        if (inet_pton(AF_INET, value.c_str(), &a) != 1)
          return Status::error(fmt::format("host '{}' is not an IPv4 address", value));
        if (o.hosts.size() >= 64) return Status::error("more than 64 hosts");
        o.hosts.push_back(value);
        break;
      }
      case 'i': {
        auto d = duration(value, "interval", Millis(100), Millis(3600000));
        if (!d) return d.status();
        o.interval = *d;
        break;
      }
      case 't': {
        auto d = duration(value, "timeout", Millis(100), Millis(60000));
        if (!d) return d.status();
        o.timeout = *d;
        break;
      }
      case 'A': {
        auto n = parse_bounded_int(value, 1, 100, "attempts");
        if (!n) return n.status();
        o.attempts = static_cast<int>(*n);
        break;
      }
    }
  }
  if (o.hosts.empty()) return Status::error("no host to ping (-h)");
  return o;
}

}  // namespace pacer::agents
