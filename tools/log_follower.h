// Following ha-log like `tail -F`, across rotation, remembering where it stopped.
//
// The position is (inode, offset) of the last complete line handed out, saved to the stat file
// (default /var/run/pm_logconv.stat) so a restarted pm_logconv continues where it was. After a
// rotation the old file is found again by its inode among "<ha-log>*" names in the same directory
// and read to its end before the new file is started, so no line is lost or read twice.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer::tools {

struct LogPosition {
  ino_t inode = 0;
  off_t offset = 0;
};

// "<inode> <offset>\n"
std::string format_position(const LogPosition& position);
std::optional<LogPosition> parse_position(std::string_view text);

enum class FollowStart { saved_position, end_of_file, beginning };

class LogFollower {
 public:
  LogFollower(std::string log_path, std::string stat_path);

  // Opens the log. saved_position falls back to the end of the file when the stat file is
  // missing or names a file that no longer exists.
  Status start(FollowStart how);
  // Complete lines added since the last call (without their newlines), in order.
  Result<std::vector<std::string>> read_lines();
  // Saves the position of the last line handed out.
  Status save() const;
  LogPosition position() const { return position_; }

 private:
  Status open_current(off_t offset);
  Status drain(std::vector<std::string>& lines);

  std::string log_path_;
  std::string stat_path_;
  UniqueFd fd_;
  LogPosition position_;
  std::string partial_;  // bytes after the last newline, not yet a line
};

}  // namespace pacer::tools
