// attrd-cib-watch: prints one line per change the local CIB notifies, so integration tests count
// CIB writes from the CIB's own notifications instead of guessing with sleeps:
//   change <sequence> <operation> <version after> <diff on one line>
#include <cstdio>

#include <fmt/format.h>

#include "cibd/cib_client.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"

int main() {
  using namespace pacer;
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return 1;
  auto cib = cib::connect_cib(**loop);
  if (!cib) {
    fmt::print(stderr, "attrd-cib-watch: {}\n", cib.error_message());
    return 1;
  }
  auto seq = (*cib)->subscribe([](const cib::CibChange& change) {
    std::string diff = change.diff;
    for (char& c : diff)
      if (c == '\n') c = ' ';
    fmt::print("change {} {} {} {}\n", change.sequence, change.operation, change.after.to_string(), diff);
    std::fflush(stdout);
  });
  if (!seq) {
    fmt::print(stderr, "attrd-cib-watch: {}\n", seq.error_message());
    return 1;
  }
  fmt::print("subscribed {}\n", *seq);
  std::fflush(stdout);
  return (*loop)->run() ? 0 : 1;
}
