// Reading the daemons' millisecond trace (ha.cf `env tracefile=PATH`: "YYYY-MM-DD HH:MM:SS.mmm
// <line>") and summarising samples, as the sandbox benchmarks that split a fail-over's time do.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pacer::bench {

struct TraceLine {
  double ms = 0;  // epoch milliseconds
  std::string text;
};

// The lines of `text` that carry a trace time stamp, in order; others are skipped.
std::vector<TraceLine> parse_trace(const std::string& text);

// The time of the first line at or after `after` that contains `needle`.
std::optional<double> first(const std::vector<TraceLine>& lines, const std::string& needle, double after = -1e18);

// The agent's share of op `op_key` (e.g. "prmDummy_start_0"): from crmd handing it to lrmd to its
// result reaching crmd.
std::optional<double> agent_time(const std::vector<TraceLine>& lines, const std::string& op_key, double after);

struct Stats {
  double median = 0, p90 = 0, max = 0, min = 0;
};
Stats stats(std::vector<double> samples);
// "median M ms, p90 P, min A, max B (N samples)", or "no samples".
std::string summary(const std::vector<double>& samples);

}  // namespace pacer::bench
