// The real host behind HaCfEnvironment. This is the only file of the ha.cf parser that talks to
// the operating system.
#include "common/config/ha_cf_environment.h"

#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <vector>

#ifndef PACER_LIBEXECDIR
#define PACER_LIBEXECDIR "/usr/libexec/pacer"
#endif

namespace pacer::config {

SystemHaCfEnvironment::SystemHaCfEnvironment(std::string daemon_dir)
    : daemon_dir_(daemon_dir.empty() ? std::string(PACER_LIBEXECDIR) : std::move(daemon_dir)) {}

std::string SystemHaCfEnvironment::local_node_name() const {
  struct utsname names {};
  if (uname(&names) != 0) return {};
  return names.nodename;
}

bool SystemHaCfEnvironment::user_exists(std::string_view user) const {
  const std::string name(user);
  struct passwd entry {};
  struct passwd* found = nullptr;
  std::vector<char> buffer(16384);
  return getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
         found != nullptr;
}

bool SystemHaCfEnvironment::is_executable(std::string_view path) const {
  const std::string file(path);
  struct stat info {};
  if (stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  return access(file.c_str(), X_OK) == 0;
}

std::optional<std::uint16_t> SystemHaCfEnvironment::udp_service_port(
    std::string_view service) const {
  const std::string name(service);
  struct servent entry {};
  struct servent* found = nullptr;
  std::vector<char> buffer(4096);
  if (getservbyname_r(name.c_str(), "udp", &entry, buffer.data(), buffer.size(), &found) != 0 ||
      found == nullptr) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(ntohs(static_cast<std::uint16_t>(found->s_port)));
}

std::pair<int, int> SystemHaCfEnvironment::realtime_priority_range() const {
  return {sched_get_priority_min(SCHED_FIFO), sched_get_priority_max(SCHED_FIFO)};
}

std::string SystemHaCfEnvironment::default_daemon_dir() const { return daemon_dir_; }

}  // namespace pacer::config
