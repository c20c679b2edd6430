// Logging in Heartbeat's format, to syslog and/or the logfile/debugfile of ha.cf.
//
//   syslog layout (syslogmsgfmt on):   Jul 11 18:53:34 pm1 crmd: [1996]: info: message
//   classic layout (syslogmsgfmt off): crmd[1996]: 2011/07/11_18:53:34 info: message
//
// pm_logconv parses these lines, so the layout is a contract. An optional trace file adds a
// millisecond time stamp to every line: syslog has one-second resolution, which is too coarse
// to measure fail-over overhead.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "common/clock.h"
#include "common/unique_fd.h"

namespace pacer {

enum class LogLevel { debug, info, warn, error, crit, emerg };

// The word Heartbeat printed for a level: debug, info, WARN, ERROR, CRIT, EMERG.
std::string_view log_level_word(LogLevel level);
int syslog_priority(LogLevel level);
// "local1" -> LOG_LOCAL1; nullopt for an unknown name. "none" is handled by the caller.
std::optional<int> syslog_facility_from_name(std::string_view name);

struct LogSettings {
  std::string entity;                  // "crmd", "heartbeat", ...
  std::string hostname;                // uname -n; filled in by Logger when empty
  pid_t pid = 0;                       // filled in by Logger when 0
  std::optional<int> syslog_facility;  // nullopt: no syslog
  std::string logfile;                 // non-debug lines; empty: none
  std::string debugfile;               // every line incl. debug; empty: none
  bool syslog_format = true;           // ha.cf syslogmsgfmt
  int debug_level = 0;                 // 0: debug lines are dropped
  std::string trace_file;              // millisecond trace; empty: none
  bool to_stderr = false;              // for tools and foreground runs
};

// Pure formatting, unit-tested against the seed's lines.
std::string format_syslog_layout(WallTime time, std::string_view host, std::string_view entity,
                                 pid_t pid, LogLevel level, std::string_view message);
std::string format_classic_layout(WallTime time, std::string_view entity, pid_t pid,
                                  LogLevel level, std::string_view message);
std::string format_trace_layout(WallTime time, std::string_view host, std::string_view entity,
                                pid_t pid, LogLevel level, std::string_view message);
// What goes to syslog(3) itself: the daemon adds time, host and the ident ("crmd:").
std::string format_syslog_body(pid_t pid, LogLevel level, std::string_view message);

class Logger {
 public:
  Logger(LogSettings settings, const Clock& clock);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  void log(LogLevel level, std::string_view message);
  bool debug_enabled() const { return settings_.debug_level > 0; }
  void set_debug_level(int level) { settings_.debug_level = level; }
  const LogSettings& settings() const { return settings_; }

  template <typename... Args>
  void debug(fmt::format_string<Args...> f, Args&&... args) {
    if (debug_enabled()) log(LogLevel::debug, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void info(fmt::format_string<Args...> f, Args&&... args) {
    log(LogLevel::info, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void warn(fmt::format_string<Args...> f, Args&&... args) {
    log(LogLevel::warn, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void error(fmt::format_string<Args...> f, Args&&... args) {
    log(LogLevel::error, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void crit(fmt::format_string<Args...> f, Args&&... args) {
    log(LogLevel::crit, fmt::format(f, std::forward<Args>(args)...));
  }

 private:
  void append(const std::string& path, const std::string& line);

  LogSettings settings_;
  const Clock& clock_;
  bool syslog_open_ = false;
};

}  // namespace pacer
