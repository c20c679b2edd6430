// sandbox_bench: measures sandbox bring-up and teardown for 2 and 16 nodes (plus the client),
// with disks, syslog and the shim, as the integration tests use it. Prints one line per size.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "tests/sandbox/sandbox.h"

using namespace pacer::sandbox;

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 1;
  for (int nodes : {2, 16}) {
    for (int r = 0; r < rounds; ++r) {
      SandboxOptions opts;
      opts.nodes = nodes;
      auto t0 = std::chrono::steady_clock::now();
      auto sb = Sandbox::create(opts);
      auto t1 = std::chrono::steady_clock::now();
      if (!sb) {
        std::fprintf(stderr, "sandbox_bench: %s\n", sb.status().message().c_str());
        return 1;
      }
      sb->reset();
      auto t2 = std::chrono::steady_clock::now();
      auto ms = [](auto d) { return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); };
      std::printf("sandbox_bench: %2d nodes + client: up %ld ms, teardown %ld ms\n", nodes, ms(t1 - t0), ms(t2 - t1));
    }
  }
  return 0;
}
