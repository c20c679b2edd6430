// ProcessRunner: the seam through which pacer runs external programs (agents, plugins, ip, nft).
// main() wires in RealProcessRunner; tests use FakeProcessRunner (tests/support) and assert exactly
// which commands ran, as ninja's tests do.
#pragma once

#include <chrono>
#include <optional>

#include "common/child_process.h"

namespace pacer {

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs to completion or until `timeout`, killing the whole process group on expiry.
  virtual Result<ExitStatus> run(const SpawnOptions& options,
                                 std::optional<std::chrono::milliseconds> timeout) = 0;
};

class RealProcessRunner final : public ProcessRunner {
 public:
  Result<ExitStatus> run(const SpawnOptions& options,
                         std::optional<std::chrono::milliseconds> timeout) override {
    return run_process(options, timeout);
  }
};

}  // namespace pacer
