// ResourceClass: what lrmd needs to know about one class of agents (ocf, lsb, stonith) — how an
// operation turns into a command, how the command's exit turns into an OCF rc, and what agents
// exist. The scheduler (ResourceManager) sees only this interface.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "lrmd/lrmd_types.h"

namespace pacer::lrmd {

// A command to run for an operation.
struct ExecPlan {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  std::vector<std::string> env;   // complete environment
};

// An outcome decided without running anything: a missing agent (rc 5), an action the class
// does not have (rc 3), the stonith class while stonithd is not there.
struct ImmediateOutcome {
  int rc = rc::ok;
  OpStatus status = OpStatus::done;
  std::string output;
};

using OperationPlan = std::variant<ExecPlan, ImmediateOutcome>;

class ResourceClass {
 public:
  virtual ~ResourceClass() = default;
  virtual std::string_view name() const = 0;
  // Whether `spec` is complete for this class (ocf needs a provider, ...). Called at registration.
  virtual Status validate(const ResourceSpec& spec) const = 0;
  // The command (or immediate outcome) for `request` on `resource`; `timeout` is the one in force.
  virtual OperationPlan plan(const ResourceSpec& resource, const OperationRequest& request,
                             Millis timeout) const = 0;
  // The OCF rc for an agent that ran to its exit with `exit_code`.
  virtual int map_exit(const OperationRequest& request, int exit_code) const = 0;
  // Agent types, for one provider or (empty) all of them; sorted, unique.
  virtual Result<std::vector<std::string>> types(const std::string& provider) const = 0;
  // Providers that have `type` (empty: all providers); sorted.
  virtual Result<std::vector<std::string>> providers(const std::string& type) const = 0;
};

}  // namespace pacer::lrmd
