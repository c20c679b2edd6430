#include "bench/trace_log.h"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

#include <fmt/format.h>

namespace pacer::bench {

std::vector<TraceLine> parse_trace(const std::string& text) {
  std::vector<TraceLine> out;
  std::istringstream in(text);
  static const std::regex stamp(R"(^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) (.*)$)");
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (!std::regex_match(l, m, stamp)) continue;
    struct tm tm {};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    tm.tm_isdst = -1;
    out.push_back({static_cast<double>(mktime(&tm)) * 1000.0 + std::stoi(m[7]), m[8]});
  }
  return out;
}

std::optional<double> first(const std::vector<TraceLine>& lines, const std::string& needle, double after) {
  for (const TraceLine& l : lines)
    if (l.ms >= after && l.text.find(needle) != std::string::npos) return l.ms;
  return std::nullopt;
}

std::optional<double> agent_time(const std::vector<TraceLine>& lines, const std::string& op_key, double after) {
  auto sent = first(lines, "op=" + op_key + " )", after);
  if (!sent) return std::nullopt;
  auto done = first(lines, "process_lrm_event: LRM operation " + op_key + " (call=", *sent);
  if (!done) return std::nullopt;
  return *done - *sent;
}

Stats stats(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  Stats s;
  s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  s.p90 = v[std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(v.size() * 0.9)) - 1)];
  s.max = v.back();
  s.min = v.front();
  return s;
}

std::string summary(const std::vector<double>& v) {
  if (v.empty()) return "no samples";
  Stats s = stats(v);
  return fmt::format("median {:.0f} ms, p90 {:.0f}, min {:.0f}, max {:.0f} ({} samples)", s.median, s.p90, s.min,
                     s.max, v.size());
}

}  // namespace pacer::bench
