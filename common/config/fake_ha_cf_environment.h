// A scripted HaCfEnvironment for the tests and fuzz targets: every host fact is a plain field.
#pragma once

#include <set>
#include <string>

#include "common/config/ha_cf_environment.h"

namespace pacer::config {

struct FakeHaCfEnvironment final : HaCfEnvironment {
  std::string node_name = "pm1";
  std::set<std::string, std::less<>> users = {"root", "hacluster", "nobody"};
  std::set<std::string, std::less<>> executables;  // empty + all_executable: everything runs
  bool all_executable = true;
  std::optional<std::uint16_t> services_port;
  std::pair<int, int> rt_range = {1, 99};
  std::string daemon_dir = "/usr/lib64/heartbeat";

  std::string local_node_name() const override { return node_name; }
  bool user_exists(std::string_view user) const override { return users.contains(user); }
  bool is_executable(std::string_view path) const override {
    return all_executable || executables.contains(path);
  }
  std::optional<std::uint16_t> udp_service_port(std::string_view) const override {
    return services_port;
  }
  std::pair<int, int> realtime_priority_range() const override { return rt_range; }
  std::string default_daemon_dir() const override { return daemon_dir; }
};

}  // namespace pacer::config
