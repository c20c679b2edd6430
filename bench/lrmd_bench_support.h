// Helpers shared by the lrmd benchmarks: percentiles and what /proc says about a process.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pacer::lrmd::bench {

// The p-th percentile (0..100) of `values` by nearest rank; 0 for an empty set.
inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(values.size()) + 0.999999);
  rank = std::clamp<size_t>(rank, 1, values.size());
  return values[rank - 1];
}

// VmRSS of `pid` in KiB (0 if unknown).
inline long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

struct CpuTimes {
  double self_s = 0;      // utime + stime of the process (all its threads)
  double children_s = 0;  // cutime + cstime: the agents it reaped
};

inline CpuTimes cpu_times(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(in, text);
  CpuTimes t;
  auto close = text.rfind(')');
  if (close == std::string::npos) return t;
  std::istringstream fields(text.substr(close + 2));
  std::vector<std::string> f;
  std::string w;
  while (fields >> w) f.push_back(w);
  // After the comm: state(3) ... utime is field 14 overall, i.e. index 11 here.
  if (f.size() < 15) return t;
  double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  t.self_s = (std::stod(f[11]) + std::stod(f[12])) / tick;
  t.children_s = (std::stod(f[13]) + std::stod(f[14])) / tick;
  return t;
}

}  // namespace pacer::lrmd::bench
