// Heartbeat-format log lines and their sinks. Files are opened per line with O_APPEND, as
// Heartbeat did, so logrotate can move them at any time without a signal.
#include "common/log.h"

#include <fcntl.h>
#include <syslog.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <utility>

namespace pacer {
namespace {

std::tm local_tm(WallTime time) {
  std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

std::string strftime_string(const std::tm& tm, const char* format) {
  std::array<char, 64> buffer{};
  size_t n = std::strftime(buffer.data(), buffer.size(), format, &tm);
  return std::string(buffer.data(), n);
}

}  // namespace

std::string_view log_level_word(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "WARN";
    case LogLevel::error: return "ERROR";
    case LogLevel::crit: return "CRIT";
    case LogLevel::emerg: return "EMERG";
  }
  return "info";
}

int syslog_priority(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return LOG_DEBUG;
    case LogLevel::info: return LOG_INFO;
    case LogLevel::warn: return LOG_WARNING;
    case LogLevel::error: return LOG_ERR;
    case LogLevel::crit: return LOG_CRIT;
    case LogLevel::emerg: return LOG_EMERG;
  }
  return LOG_INFO;
}

std::optional<int> syslog_facility_from_name(std::string_view name) {
  static constexpr std::pair<std::string_view, int> kFacilities[] = {
      {"auth", LOG_AUTH},     {"authpriv", LOG_AUTHPRIV}, {"daemon", LOG_DAEMON},
      {"syslog", LOG_SYSLOG}, {"user", LOG_USER},         {"local0", LOG_LOCAL0},
      {"local1", LOG_LOCAL1}, {"local2", LOG_LOCAL2},     {"local3", LOG_LOCAL3},
      {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5},     {"local6", LOG_LOCAL6},
      {"local7", LOG_LOCAL7},
  };
  for (auto [n, f] : kFacilities)
    if (n == name) return f;
  return std::nullopt;
}

std::string format_syslog_body(pid_t pid, LogLevel level, std::string_view message) {
  return fmt::format("[{}]: {}: {}", pid, log_level_word(level), message);
}

std::string format_syslog_layout(WallTime time, std::string_view host, std::string_view entity,
                                 pid_t pid, LogLevel level, std::string_view message) {
  // syslog pads a one-digit day with a space: "Jul  1 ..."
  return fmt::format("{} {} {}: {}", strftime_string(local_tm(time), "%b %e %H:%M:%S"), host,
                     entity, format_syslog_body(pid, level, message));
}

std::string format_classic_layout(WallTime time, std::string_view entity, pid_t pid,
                                  LogLevel level, std::string_view message) {
  return fmt::format("{}[{}]: {} {}: {}", entity, pid,
                     strftime_string(local_tm(time), "%Y/%m/%d_%H:%M:%S"), log_level_word(level),
                     message);
}

std::string format_trace_layout(WallTime time, std::string_view host, std::string_view entity,
                                pid_t pid, LogLevel level, std::string_view message) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  return fmt::format("{}.{:03d} {} {}[{}]: {}: {}",
                     strftime_string(local_tm(time), "%Y-%m-%d %H:%M:%S"), ms, host, entity, pid,
                     log_level_word(level), message);
}

Logger::Logger(LogSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {
  if (settings_.pid == 0) settings_.pid = ::getpid();
  if (settings_.hostname.empty()) {
    std::array<char, 256> host{};
    if (::gethostname(host.data(), host.size() - 1) == 0) settings_.hostname = host.data();
  }
  if (settings_.syslog_facility) {
    // openlog keeps the ident pointer: settings_ owns the string for the Logger's lifetime.
    ::openlog(settings_.entity.c_str(), LOG_NDELAY, *settings_.syslog_facility);
    syslog_open_ = true;
  }
}

Logger::~Logger() {
  if (syslog_open_) ::closelog();
}

void Logger::append(const std::string& path, const std::string& line) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640));
  if (!fd) return;  // nowhere to report a logging failure; syslog still has the line
  std::string with_newline = line + '\n';
  ssize_t ignored = ::write(fd.get(), with_newline.data(), with_newline.size());
  (void)ignored;
}

void Logger::log(LogLevel level, std::string_view message) {
  bool is_debug = level == LogLevel::debug;
  if (is_debug && settings_.debug_level == 0) return;
  WallTime now = clock_.wall();
  const auto& s = settings_;
  if (syslog_open_) {
    std::string body = format_syslog_body(s.pid, level, message);
    ::syslog(syslog_priority(level), "%s", body.c_str());
  }
  std::string line;
  auto file_line = [&]() -> const std::string& {
    if (line.empty())
      line = s.syslog_format ? format_syslog_layout(now, s.hostname, s.entity, s.pid, level, message)
                             : format_classic_layout(now, s.entity, s.pid, level, message);
    return line;
  };
  if (!s.logfile.empty() && !is_debug) append(s.logfile, file_line());
  if (!s.debugfile.empty()) append(s.debugfile, file_line());
  if (!s.trace_file.empty())
    append(s.trace_file, format_trace_layout(now, s.hostname, s.entity, s.pid, level, message));
  if (s.to_stderr) std::fprintf(stderr, "%s\n", file_line().c_str());
}

}  // namespace pacer
