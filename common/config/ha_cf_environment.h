// HaCfEnvironment: the facts about the host that ha.cf parsing needs, behind one seam.
//
// parse_ha_cf is a pure function; everything it must learn from the system (uname -n, passwd,
// /etc/services, whether a program is executable, the realtime priority range) comes through this
// interface. main() passes SystemHaCfEnvironment; tests pass a fake. Implementations must be
// usable from one thread at a time; they are only read during a parse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace pacer::config {

class HaCfEnvironment {
 public:
  virtual ~HaCfEnvironment() = default;

  // `uname -n`.
  virtual std::string local_node_name() const = 0;
  // Whether `user` exists in the password database.
  virtual bool user_exists(std::string_view user) const = 0;
  // Whether `path` is a regular file this process could execute.
  virtual bool is_executable(std::string_view path) const = 0;
  // The UDP port /etc/services gives for `service` ("ha-cluster"), if any.
  virtual std::optional<std::uint16_t> udp_service_port(std::string_view service) const = 0;
  // SCHED_FIFO's {min, max} priority.
  virtual std::pair<int, int> realtime_priority_range() const = 0;
  // Where the Pacemaker daemons implied by `pacemaker on` live when ha.cf has no crm_daemon_dir.
  virtual std::string default_daemon_dir() const = 0;
};

// The real host: uname(2), getpwnam_r, access(2), getservbyname_r, sched_get_priority_min/max.
class SystemHaCfEnvironment final : public HaCfEnvironment {
 public:
  // `daemon_dir` defaults to pacer's installed libexec directory.
  explicit SystemHaCfEnvironment(std::string daemon_dir = {});

  std::string local_node_name() const override;
  bool user_exists(std::string_view user) const override;
  bool is_executable(std::string_view path) const override;
  std::optional<std::uint16_t> udp_service_port(std::string_view service) const override;
  std::pair<int, int> realtime_priority_range() const override;
  std::string default_daemon_dir() const override;

 private:
  std::string daemon_dir_;
};

}  // namespace pacer::config
