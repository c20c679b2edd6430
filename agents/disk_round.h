// One checking round of diskd: the check is tried, and on failure retried `retries` more times
// `retry_interval` apart; only when every try failed is the disk ERROR. The log line of a failed
// round is pm_diskd's, which pm_logconv turns into "Disk connection to <dev> is ERROR.":
//   check_status: disk status is changed, attr_name=<name>, target=<dev or dir>, new_status=ERROR
// Pure: the check and the wait between tries are seams (tests pass a fake clock's advance).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace pacer::agents {

enum class DiskStatus { normal, error };

struct DiskRoundPolicy {
  int retries = 1;            // pm_diskd's -r: 1, at most 10
  Millis retry_interval{5000};  // -I
};

struct DiskRoundResult {
  DiskStatus status = DiskStatus::normal;
  int attempts = 0;
  std::string last_error;
};

std::string_view disk_status_text(DiskStatus status);  // "normal" / "ERROR"

DiskRoundResult disk_round(const std::function<Status()>& check,
                           const std::function<void(Millis)>& wait, const DiskRoundPolicy& policy);

std::string disk_status_line(std::string_view attr_name, std::string_view target, DiskStatus status);

}  // namespace pacer::agents
