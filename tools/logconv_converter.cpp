// Converting a line: parse it, let the fail-over tracker see it (it may print summary lines),
// then find its catalogue message. Output time stamps are the input's, in the chosen style.
#include "tools/logconv_converter.h"

#include <ctime>

#include <fmt/format.h>

namespace pacer::tools {

LogConverter::LogConverter(ConverterSettings settings)
    : settings_(std::move(settings)),
      failover_(settings_.act_rsc, settings_.attribute_rules, settings_.hostcache) {
  catalogue_.ping_hosts = settings_.ping_hosts;
}

void LogConverter::reset() {
  catalogue_ = CatalogueState{};
  catalogue_.ping_hosts = settings_.ping_hosts;
  failover_.reset();
}

std::string LogConverter::stamp(const LogLine& line, WallTime now) const {
  if (settings_.syslog_format) return fmt::format("{} {} {}", line.month, line.day, line.time);
  int year = line.year;
  if (year == 0) {
    // The syslog layout has no year: this year, or last year if that would lie in the future.
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    year = tm.tm_year + 1900;
    int month = month_number(line.month);
    std::string now_key = fmt::format("{:02}{:02}{:02}:{:02}:{:02}", tm.tm_mon + 1, tm.tm_mday,
                                      tm.tm_hour, tm.tm_min, tm.tm_sec);
    std::string line_key = fmt::format("{:02}{:02}{}", month, line.day, line.time);
    if (line_key > now_key) --year;
  }
  return fmt::format("{}/{:02}/{:02}_{}", year, month_number(line.month), line.day, line.time);
}

std::vector<std::string> LogConverter::convert(std::string_view text, WallTime now) {
  last_match_.clear();
  std::vector<std::string> out;
  auto line = parse_log_line(text);
  if (!line) return out;
  std::string when = stamp(*line, now);
  auto emit = [&](const LogconvMessage& m) {
    out.push_back(fmt::format("{} {} {}: {}", when, settings_.hostname, m.level, m.text));
  };
  std::vector<LogconvMessage> summary = failover_.observe(*line);
  auto match = match_catalogue(*line, catalogue_);
  // The summary closes a transition: it follows the line's own message; "Start to fail-over."
  // opens one and so comes first.
  bool opening = !summary.empty() && summary.front().text == "Start to fail-over.";
  if (opening)
    for (auto& m : summary) emit(m);
  if (match) {
    last_match_ = match->id;
    if (match->message) emit(*match->message);
  }
  if (!opening)
    for (auto& m : summary) emit(m);
  if (catalogue_.reset_requested) reset();
  return out;
}

}  // namespace pacer::tools
