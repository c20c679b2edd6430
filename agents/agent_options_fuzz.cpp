// libFuzzer target: the daemons' command lines, which the agents build from resource parameters
// (outside input). The input is split at NUL bytes into arguments; parsing must never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agents/diskd_options.h"
#include "agents/pingd_options.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args(1);
  for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
    if (data[i] == 0) args.emplace_back();
    else args.back().push_back(static_cast<char>(data[i]));
  }
  (void)pacer::agents::parse_pingd_args(args);
  (void)pacer::agents::parse_diskd_args(args);
  return 0;
}
