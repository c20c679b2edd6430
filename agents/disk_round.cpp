// diskd's retry rule; see disk_round.h.
#include "agents/disk_round.h"

#include <fmt/format.h>

namespace pacer::agents {

std::string_view disk_status_text(DiskStatus status) {
  return status == DiskStatus::normal ? "normal" : "ERROR";
}

DiskRoundResult disk_round(const std::function<Status()>& check,
                           const std::function<void(Millis)>& wait, const DiskRoundPolicy& policy) {
  DiskRoundResult r;
  for (int attempt = 0; attempt <= policy.retries; ++attempt) {
    if (attempt > 0) wait(policy.retry_interval);
    ++r.attempts;
    Status s = check();
    if (s) {
      r.status = DiskStatus::normal;
      r.last_error.clear();
      return r;
    }
    r.last_error = s.message();
  }
  r.status = DiskStatus::error;
  return r;
}

std::string disk_status_line(std::string_view attr_name, std::string_view target, DiskStatus status) {
  return fmt::format("check_status: disk status is changed, attr_name={}, target={}, new_status={}",
                     attr_name, target, disk_status_text(status));
}

}  // namespace pacer::agents
