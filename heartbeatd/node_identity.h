// Node identity as Heartbeat kept it, under /var/lib/pacer:
//  * hb_uuid: this node's UUID, 16 raw bytes made once (uuidfrom file), or the node name itself
//    (uuidfrom nodename);
//  * hostcache: "name uuid" per line for every node ever seen, so the CIB's node ids and
//    `Current DC: pm2 (7f1b5dcb-...)` stay the same across restarts;
//  * hb_generation: a counter raised at every start (hbgenmethod file), which makes packets of an
//    earlier run recognisable as replays.
// All writes go through the FileSystem seam's atomic write.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/file_system.h"
#include "common/result.h"

namespace pacer::heartbeat {

using UuidBytes = std::array<uint8_t, 16>;

// "7f1b5dcb-5e06-4c1f-9a5e-0b0c7e1d2f3a"
std::string format_uuid(const UuidBytes& uuid);
Result<UuidBytes> parse_uuid(std::string_view text);
UuidBytes random_uuid();

struct IdentityPaths {
  std::string state_dir = "/var/lib/pacer";
  std::string uuid_file() const { return state_dir + "/hb_uuid"; }
  std::string hostcache_file() const { return state_dir + "/hostcache"; }
  std::string generation_file() const { return state_dir + "/hb_generation"; }
};

// The node's UUID string: read hb_uuid, or make and save one. With `from_nodename` the UUID is
// the node name, as Heartbeat's `uuidfrom nodename` did, and nothing is written.
Result<std::string> load_or_create_node_uuid(FileSystem& fs, const IdentityPaths& paths,
                                             bool from_nodename, const std::string& node_name);

// Reads hb_generation, adds one, saves it, returns the new value (1 on a first start).
Result<uint64_t> next_generation(FileSystem& fs, const IdentityPaths& paths);

// name -> uuid, persisted as the hostcache file.
class HostCache {
 public:
  static Result<HostCache> load(FileSystem& fs, const IdentityPaths& paths);
  // Records a node; saves when it is new or its uuid changed. Returns whether anything changed.
  Result<bool> remember(FileSystem& fs, const IdentityPaths& paths, const std::string& name,
                        const std::string& uuid);
  std::optional<std::string> uuid_of(const std::string& name) const;
  std::optional<std::string> name_of(const std::string& uuid) const;
  const std::map<std::string, std::string>& entries() const { return by_name_; }
  std::string serialize() const;

 private:
  std::map<std::string, std::string> by_name_;
};

}  // namespace pacer::heartbeat
