// HaConfig: everything /etc/ha.d/ha.cf says, typed, with Heartbeat's defaults and derived values
// already applied. Produced by parse_ha_cf (ha_cf.h); read by heartbeatd and the daemons it starts.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pacer::config {

using std::chrono::milliseconds;

inline constexpr std::uint16_t kDefaultUdpPort = 694;
inline constexpr int kDefaultBaud = 19200;

enum class MediumKind { bcast, mcast, ucast, serial, mcast6, ucast6 };

// One communication medium. Each gets a writer and a reader process named after it
// ("write: bcast eth1").
struct Medium {
  MediumKind kind = MediumKind::bcast;
  std::string interface;  // network interface, or the tty for serial
  std::string group;      // mcast/mcast6: multicast group address
  std::string peer;       // ucast/ucast6: peer address (a line naming our own address is ignored
                          // at run time, so every node can share one ha.cf)
  std::uint16_t port = kDefaultUdpPort;  // bcast/ucast: udpport in force when declared; mcast: own
  int ttl = 1;                           // mcast/mcast6: 1..255
  bool loop = false;                     // mcast/mcast6
  int baud = kDefaultBaud;               // serial: baud in force when declared
  int line = 0;                          // where it was declared
};

// "bcast eth1": the medium as it appears in process titles and logs.
std::string medium_name(const Medium& medium);
std::string_view to_string(MediumKind kind);

enum class Autojoin { none, other, any };
enum class PacemakerMode { off, on, respawn, minimal, manual, valgrind };
enum class AutoFailback { on, off, legacy };
enum class UuidFrom { file, nodename };
enum class MessageFormat { classic, netstring };
enum class GenerationMethod { file, time };
enum class Compression { zlib, bz2 };

enum class ChildKind {
  respawn,   // restarted when it exits (except exit code 100)
  failfast,  // like respawn, but an abnormal death reboots the node
};

// A program heartbeat starts and supervises: a respawn/failfast line, or implied by `pacemaker`.
struct ChildProgram {
  ChildKind kind = ChildKind::respawn;
  std::string user;
  std::string path;             // absolute
  std::string args;             // the rest of the command line, as written
  bool from_pacemaker = false;  // implied by the `pacemaker` directive
  bool under_valgrind = false;  // `pacemaker valgrind`
  // Whether `path` was an executable file when the configuration was read. A missing program is
  // not a configuration error: heartbeat starts and logs an ERROR for it.
  bool executable = true;
  int line = 0;

  // "path args", as heartbeat logs it.
  std::string command_line() const;
};

// apiauth: who may sign on to the heartbeat API under a client name. Either list may match.
struct ApiAuth {
  std::string client;  // "default" covers clients that give no name
  std::vector<std::string> users;
  std::vector<std::string> groups;
};

struct EnvVar {
  std::string name;  // with the HA_ prefix added
  std::string value;
};

struct PingGroup {
  std::string name;
  std::vector<std::string> hosts;
};

struct HaConfig {
  // --- logging
  std::optional<std::string> logfacility;  // syslog facility name; nullopt: no syslog
  int logfacility_code = -1;               // LOG_LOCAL1 etc., -1 with no syslog
  std::optional<std::string> logfile;
  std::optional<std::string> debugfile;
  std::optional<bool> use_logd_directive;  // as written, if written
  // Effective: logd is used when use_logd says so, or when no log directive at all was given
  // (Heartbeat then says "No log entry found in ha.cf -- use logd"; see use_logd_implied).
  bool use_logd = false;
  bool use_logd_implied = false;
  bool syslogmsgfmt = true;
  milliseconds conn_logd_time{60000};
  int debug = 0;

  // --- timing
  milliseconds keepalive{1000};
  milliseconds deadtime{30000};
  milliseconds warntime{15000};  // default deadtime / 2
  milliseconds initdead{30000};  // default derived from deadtime, see ha-cf.md

  // --- media
  std::uint16_t udpport = kDefaultUdpPort;  // the last value in force
  int baud = kDefaultBaud;
  std::vector<Medium> media;

  // --- membership
  std::vector<std::string> nodes;  // lower-cased: node names are case-insensitive
  std::string local_node;          // uname -n, lower-cased
  Autojoin autojoin = Autojoin::none;
  UuidFrom uuidfrom = UuidFrom::file;
  AutoFailback auto_failback = AutoFailback::legacy;  // accepted, no effect under Pacemaker

  // --- children
  PacemakerMode pacemaker = PacemakerMode::off;
  std::vector<ChildProgram> children;  // in start order
  std::vector<ApiAuth> apiauth;  // built-ins, then pacemaker's, then ha.cf's (same name replaces)
  std::string crm_daemon_dir;    // where pacemaker's daemons live
  std::optional<bool> crmd_spawns_pengine;

  // --- watchdog
  std::optional<std::string> watchdog_device;
  std::chrono::seconds watchdog_timeout{0};  // deadtime + 10 ms rounded up; 0 without a device

  // --- process
  bool realtime = true;
  int rtprio = 0;  // default: midway in the SCHED_FIFO range
  bool coredumps = true;
  int memreserve_kb = 6500;
  std::vector<EnvVar> env;

  // --- messages
  Compression compression = Compression::zlib;  // the 3.0.5 parser's default (man page: none)
  int compression_threshold_kb = 2;
  bool traditional_compression = false;
  MessageFormat msgfmt = MessageFormat::classic;
  int hopfudge = 1;
  GenerationMethod hbgenmethod = GenerationMethod::file;
  milliseconds max_rexmit_delay{250};

  // --- legacy, kept because pm_logconv and ifcheckd treat these hosts as non-cluster nodes
  std::vector<std::string> ping_hosts;
  std::vector<PingGroup> ping_groups;

  // Non-fatal findings, each "file:line: text", for the caller to log as WARN.
  std::vector<std::string> warnings;

  const ApiAuth* find_apiauth(std::string_view client) const;
  bool has_node(std::string_view name) const;  // case-insensitive
};

}  // namespace pacer::config
