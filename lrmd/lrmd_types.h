// The vocabulary lrmd shares with its clients: resources, operation requests and results, and the
// two kinds of outcome Heartbeat's LRM kept apart — what the agent returned (rc, OCF numbering)
// and whether the operation ran to the end (op status: done, cancelled, timed out, ...).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pacer::lrmd {

using Millis = std::chrono::milliseconds;
using Params = std::map<std::string, std::string>;

inline constexpr std::uint32_t kProtocolVersion = 1;
inline constexpr std::string_view kDefaultServiceName = "pacer-lrmd";

// Heartbeat's op_status_t (lrm_api.h) with its numbers, which crmd writes into the CIB.
enum class OpStatus : int {
  pending = -1,
  done = 0,
  cancelled = 1,
  timed_out = 2,
  not_supported = 3,
  error = 4,
};

// The text Pacemaker 1.0 printed for an op status ("Timed Out", as the seed shows).
std::string_view op_status_text(OpStatus status);

// OCF exit codes (ocf-and-stonith-api.md section 1) and the executor's own "did not finish".
namespace rc {
inline constexpr int ok = 0;
inline constexpr int err_generic = 1;
inline constexpr int err_args = 2;
inline constexpr int unimplemented = 3;
inline constexpr int err_perm = 4;
inline constexpr int not_installed = 5;
inline constexpr int not_configured = 6;
inline constexpr int not_running = 7;
inline constexpr int running_master = 8;
inline constexpr int failed_master = 9;
// EXECRA_EXEC_UNKNOWN_ERROR: the rc recorded when no agent rc exists (timeout, exec failure).
inline constexpr int exec_unknown_error = -2;
}  // namespace rc

// Pacemaker 1.0's execra_code2string: "ok", "not running", "unknown error", ...
std::string_view rc_text(int rc);

struct ResourceSpec {
  std::string id;
  std::string rclass;
  std::string provider;
  std::string type;
  Params params;

  // "ocf::heartbeat::IPaddr2", "lsb::postgresql" as Heartbeat's lrmd names an agent in its logs.
  std::string agent_name() const;
};

struct OperationRequest {
  std::string rsc_id;
  std::string operation;
  Millis interval{0};
  Millis timeout{0};  // 0: the daemon's default
  Millis start_delay{0};
  Params params;      // op attributes incl. CRM_meta_*: override the resource's
  std::string user_data;
  bool report_every_time = false;
};

struct OperationResult {
  int call_id = 0;
  std::string rsc_id;
  std::string operation;
  Millis interval{0};
  int rc = 0;
  OpStatus op_status = OpStatus::pending;
  Millis timeout{0};
  std::string output;
  std::string user_data;
  Millis exec_time{0};
  Millis queue_time{0};
  std::int64_t run_time = 0;        // seconds since the epoch
  std::int64_t rc_change_time = 0;  // seconds since the epoch
  Params params;

  bool operator==(const OperationResult&) const = default;
};

struct RecurringOp {
  int call_id = 0;
  OperationRequest request;
};

// What lrmd knows about one resource: a respawned crmd rebuilds its view from this.
struct ResourceState {
  ResourceSpec spec;
  std::vector<OperationResult> last_results;  // the last result of each operation key
  std::vector<RecurringOp> recurring;         // recurring ops scheduled now
};

// "<rsc>_<op>_<interval ms>": Pacemaker's operation key, as pm_logconv parses it.
std::string operation_key(std::string_view rsc_id, std::string_view operation, Millis interval);

}  // namespace pacer::lrmd
