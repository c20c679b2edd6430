// What the crm_* mains share: the local node name, the environment, connecting to the CIB
// (cibd, or CIB_file=PATH without a daemon), and running a tool function with the real streams.
#pragma once

#include <sys/utsname.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cibd/cib_client.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "crmd/tools/attribute_tool.h"

namespace pacer::crmd::tools {

inline std::string local_node_name() {
  struct utsname u {};
  ::uname(&u);
  return u.nodename;
}

inline std::optional<std::string> environment(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? std::optional<std::string>(v) : std::nullopt;
}

template <typename Run>
int run_with_cib(int argc, char** argv, Run run) {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    std::cerr << loop.error_message() << "\n";
    return 1;
  }
  auto cib = cib::connect_cib(**loop);
  if (!cib) {
    std::cerr << "Error signing on to the CIB service: " << cib.error_message() << "\n";
    return 1;
  }
  ToolContext context{**cib, local_node_name(), environment, std::cout, std::cerr};
  return run(std::vector<std::string>(argv + 1, argv + argc), context);
}

}  // namespace pacer::crmd::tools
