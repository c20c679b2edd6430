// The ha.cf directive table: one row per directive, naming the handler that applies it. Simple
// directives use the generic setters of ha_cf_value_handlers.h; the few with their own rules
// (logging, nodes, env, watchdog, legacy ones) are defined here; media and supervised programs
// live in ha_cf_media.cpp and ha_cf_clients.cpp.
#include "common/config/ha_cf_directives.h"

#include <fmt/format.h>
#include <syslog.h>

#include <algorithm>
#include <array>

#include "common/config/ha_cf_handlers.h"
#include "common/config/ha_cf_value_handlers.h"

namespace pacer::config {
namespace {

struct Facility {
  std::string_view name;
  int code;
};

constexpr std::array<Facility, 20> kFacilities = {{
    {"kern", LOG_KERN},     {"user", LOG_USER},         {"mail", LOG_MAIL},
    {"daemon", LOG_DAEMON}, {"auth", LOG_AUTH},         {"syslog", LOG_SYSLOG},
    {"lpr", LOG_LPR},       {"news", LOG_NEWS},         {"uucp", LOG_UUCP},
    {"cron", LOG_CRON},     {"authpriv", LOG_AUTHPRIV}, {"ftp", LOG_FTP},
    {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1},     {"local2", LOG_LOCAL2},
    {"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4},     {"local5", LOG_LOCAL5},
    {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
}};

constexpr std::array<Keyword<Autojoin>, 3> kAutojoinWords = {
    {{"none", Autojoin::none}, {"other", Autojoin::other}, {"any", Autojoin::any}}};
constexpr std::array<Keyword<AutoFailback>, 3> kAutoFailbackWords = {
    {{"on", AutoFailback::on}, {"off", AutoFailback::off}, {"legacy", AutoFailback::legacy}}};
constexpr std::array<Keyword<UuidFrom>, 2> kUuidFromWords = {
    {{"file", UuidFrom::file}, {"nodename", UuidFrom::nodename}}};
constexpr std::array<Keyword<MessageFormat>, 2> kMsgFmtWords = {
    {{"classic", MessageFormat::classic}, {"netstring", MessageFormat::netstring}}};
constexpr std::array<Keyword<GenerationMethod>, 2> kGenMethodWords = {
    {{"file", GenerationMethod::file}, {"time", GenerationMethod::time}}};
constexpr std::array<Keyword<Compression>, 2> kCompressionWords = {
    {{"zlib", Compression::zlib}, {"bz2", Compression::bz2}}};

// logfacility <facility>|none. Any syslog facility name is accepted, as syslog(3) knows them.
Status handle_logfacility(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  state.log_directive_seen = true;
  if (equals_ignore_case(*value, "none")) {
    state.config.logfacility.reset();
    state.config.logfacility_code = -1;
    return Status::ok();
  }
  for (const Facility& facility : kFacilities) {
    if (equals_ignore_case(*value, facility.name)) {
      state.config.logfacility = std::string(facility.name);
      state.config.logfacility_code = facility.code;
      return Status::ok();
    }
  }
  return Status::error(fmt::format("Invalid log facility [{}]", *value));
}

Status handle_logfile(ParseState& state, const ConfigLine& line) {
  state.log_directive_seen = true;
  return set_path<&HaConfig::logfile>(state, line);
}

Status handle_debugfile(ParseState& state, const ConfigLine& line) {
  state.log_directive_seen = true;
  return set_path<&HaConfig::debugfile>(state, line);
}

Status handle_use_logd(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto flag = parse_boolean(*value);
  if (!flag) return Status::error(fmt::format("Invalid boolean [{}] for use_logd", *value));
  state.config.use_logd_directive = *flag;
  return Status::ok();
}

// max_rexmit_delay is a plain number of milliseconds, not the time syntax.
Status handle_max_rexmit_delay(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto ms = parse_bounded_integer(*value, 1, 3'600'000);
  if (!ms) {
    return Status::error(
        fmt::format("Invalid value [{}] for max_rexmit_delay (1..3600000 ms)", *value));
  }
  state.config.max_rexmit_delay = std::chrono::milliseconds(*ms);
  return Status::ok();
}

// rtprio: its range is the host's SCHED_FIFO range, checked once the whole file is read.
Status handle_rtprio(ParseState& state, const ConfigLine& line) {
  return set_integer<&HaConfig::rtprio, 0, 1000>(state, line);
}

// node <name> [<name>...]. Heartbeat compares node names case-insensitively; one canonical
// spelling spares every consumer from doing the same.
Status handle_node(ParseState& state, const ConfigLine& line) {
  if (auto status = require_values(line); !status) return status;
  for (std::string_view name : line.values) {
    if (state.config.has_node(name)) {
      state.warn_at(line.number, fmt::format("Node [{}] listed more than once", name));
      continue;
    }
    state.config.nodes.push_back(to_lower_ascii(name));
  }
  return Status::ok();
}

Status handle_watchdog(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  if (const int earlier = state.line_of("watchdog"); earlier != 0) {
    return Status::error(fmt::format("Watchdog device [{}] given more than once (first on line {})",
                                     *value, earlier));
  }
  state.config.watchdog_device = std::string(*value);
  return Status::ok();
}

// env NAME=VALUE: exported to every child as HA_NAME=VALUE. The value is the rest of the line.
Status handle_env(ParseState& state, const ConfigLine& line) {
  const auto equals = line.rest.find('=');
  const std::string_view name = line.rest.substr(0, equals);
  const bool name_ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (equals == std::string_view::npos || !name_ok) {
    return Status::error(fmt::format("Invalid env [{}]: expected NAME=VALUE", line.rest));
  }
  state.config.env.push_back(
      EnvVar{fmt::format("HA_{}", name), std::string(line.rest.substr(equals + 1))});
  return Status::ok();
}

Status handle_crm_daemon_dir(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  if (value->front() != '/') {
    return Status::error(fmt::format("crm_daemon_dir [{}] is not an absolute path", *value));
  }
  state.config.crm_daemon_dir = std::string(*value);
  return Status::ok();
}

Status handle_crmd_spawns_pengine(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto flag = parse_boolean(*value);
  if (!flag) {
    return Status::error(fmt::format("Invalid boolean [{}] for crmd_spawns_pengine", *value));
  }
  state.config.crmd_spawns_pengine = *flag;
  return Status::ok();
}

// ping <host> [<host>...]: legacy ping nodes. Heartbeat no longer acts on them, but pm_logconv and
// ifcheckd must know these hosts are not cluster nodes.
Status handle_ping(ParseState& state, const ConfigLine& line) {
  if (auto status = require_values(line); !status) return status;
  for (std::string_view host : line.values) state.config.ping_hosts.emplace_back(host);
  return Status::ok();
}

// ping_group <name> <host> [<host>...]
Status handle_ping_group(ParseState& state, const ConfigLine& line) {
  if (line.values.size() < 2) {
    return Status::error("Directive [ping_group] needs a group name and at least one host");
  }
  PingGroup group;
  group.name = std::string(line.values[0]);
  for (std::size_t i = 1; i < line.values.size(); ++i) group.hosts.emplace_back(line.values[i]);
  state.config.ping_groups.push_back(std::move(group));
  return Status::ok();
}

// deadping, hbaping, stonith, stonith_host: Heartbeat v1 features pacer does not implement.
// Accepted so old files still load; the warning tells the admin they have no effect.
Status handle_ignored(ParseState& state, const ConfigLine& line) {
  state.warn_at(line.number,
                fmt::format("Directive [{}] is legacy and ignored by pacer", line.directive));
  return Status::ok();
}

// auto_failback only matters for v1 haresources; with Pacemaker, stickiness decides.
Status handle_auto_failback(ParseState& state, const ConfigLine& line) {
  return set_keyword<&HaConfig::auto_failback, kAutoFailbackWords>(state, line);
}

constexpr int kMaxKb = 1 << 20;  // 1 GiB: bounds nonsense values, allows any sane one

constexpr DirectiveSpec kDirectives[] = {
    // logging
    {"logfacility", handle_logfacility},
    {"logfile", handle_logfile},
    {"debugfile", handle_debugfile},
    {"use_logd", handle_use_logd},
    {"syslogmsgfmt", set_boolean<&HaConfig::syslogmsgfmt>},
    {"conn_logd_time", set_time<&HaConfig::conn_logd_time>},
    {"debug", set_integer<&HaConfig::debug, 0, 255>},
    // timing
    {"keepalive", set_time<&HaConfig::keepalive>},
    {"warntime", set_time<&HaConfig::warntime>},
    {"deadtime", set_time<&HaConfig::deadtime>},
    {"initdead", set_time<&HaConfig::initdead>},
    // media
    {"udpport", handle_udpport},
    {"baud", handle_baud},
    {"bcast", handle_bcast},
    {"mcast", handle_mcast},
    {"mcast6", handle_mcast6},
    {"ucast", handle_ucast},
    {"ucast6", handle_ucast6},
    {"serial", handle_serial},
    // membership
    {"node", handle_node},
    {"autojoin", set_keyword<&HaConfig::autojoin, kAutojoinWords>},
    {"uuidfrom", set_keyword<&HaConfig::uuidfrom, kUuidFromWords>},
    {"auto_failback", handle_auto_failback},
    // supervised programs and the API
    {"pacemaker", handle_pacemaker},
    {"crm", handle_pacemaker},
    {"respawn", handle_respawn},
    {"failfast", handle_failfast},
    {"apiauth", handle_apiauth},
    {"crm_daemon_dir", handle_crm_daemon_dir},
    {"crmd_spawns_pengine", handle_crmd_spawns_pengine},
    // process
    {"watchdog", handle_watchdog},
    {"realtime", set_boolean<&HaConfig::realtime>},
    {"rtprio", handle_rtprio},
    {"coredumps", set_boolean<&HaConfig::coredumps>},
    {"memreserve", set_integer<&HaConfig::memreserve_kb, 0, kMaxKb>},
    {"env", handle_env},
    // messages
    {"compression", set_keyword<&HaConfig::compression, kCompressionWords>},
    {"compression_threshold", set_integer<&HaConfig::compression_threshold_kb, 1, kMaxKb>},
    {"traditional_compression", set_boolean<&HaConfig::traditional_compression>},
    {"msgfmt", set_keyword<&HaConfig::msgfmt, kMsgFmtWords>},
    {"hopfudge", set_integer<&HaConfig::hopfudge, 0, 255>},
    {"hbgenmethod", set_keyword<&HaConfig::hbgenmethod, kGenMethodWords>},
    {"max_rexmit_delay", handle_max_rexmit_delay},
    // legacy
    {"ping", handle_ping},
    {"ping_group", handle_ping_group},
    {"deadping", handle_ignored},
    {"hbaping", handle_ignored},
    {"stonith", handle_ignored},
    {"stonith_host", handle_ignored},
};

}  // namespace

const DirectiveSpec* find_directive(std::string_view name) {
  const auto it = std::find_if(std::begin(kDirectives), std::end(kDirectives),
                               [&](const DirectiveSpec& spec) { return spec.name == name; });
  return it == std::end(kDirectives) ? nullptr : &*it;
}

}  // namespace pacer::config
