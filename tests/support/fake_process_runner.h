// FakeProcessRunner: records every command a test's code runs and answers with scripted results.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "common/process_runner.h"

namespace pacer {

class FakeProcessRunner final : public ProcessRunner {
 public:
  using Responder = std::function<Result<ExitStatus>(const SpawnOptions&)>;

  Result<ExitStatus> run(const SpawnOptions& options,
                         std::optional<std::chrono::milliseconds> timeout) override;

  // Answers the next command with `status` (in order); with none queued, exit 0 and no output.
  void queue(ExitStatus status) { queued_.push_back(std::move(status)); }
  // Answers every command through `responder` instead of the queue.
  void respond_with(Responder responder) { responder_ = std::move(responder); }

  // Each command run so far, as its argv joined with spaces.
  const std::vector<std::string>& commands() const { return commands_; }
  const std::vector<SpawnOptions>& calls() const { return calls_; }
  const std::vector<std::optional<std::chrono::milliseconds>>& timeouts() const { return timeouts_; }

 private:
  std::deque<ExitStatus> queued_;
  Responder responder_;
  std::vector<std::string> commands_;
  std::vector<SpawnOptions> calls_;
  std::vector<std::optional<std::chrono::milliseconds>> timeouts_;
};

}  // namespace pacer
