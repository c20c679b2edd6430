// The root-or-haclient admission rule and the system group lookup behind it.
#include "common/ipc/peer_policy.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace pacer::ipc {
namespace {

std::vector<char> lookup_buffer() {
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  return std::vector<char>(size > 0 ? static_cast<std::size_t>(size) : 16384);
}

}  // namespace

bool system_group_membership(uid_t uid, gid_t primary_gid, gid_t group) {
  if (primary_gid == group) return true;
  std::vector<char> buffer = lookup_buffer();
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr)
    return false;  // a uid without a passwd entry has no supplementary groups
  std::vector<gid_t> groups(64);
  int count = static_cast<int>(groups.size());
  if (::getgrouplist(found->pw_name, primary_gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<std::size_t>(count));  // count now holds the number needed
    if (::getgrouplist(found->pw_name, primary_gid, groups.data(), &count) < 0) return false;
  }
  groups.resize(static_cast<std::size_t>(count));
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

PeerPolicy root_or_group_policy(gid_t group, GroupMembership membership) {
  return [group, membership = std::move(membership)](const PeerCredentials& peer) -> Status {
    if (peer.uid == 0) return Status::ok();
    if (membership(peer.uid, peer.gid, group)) return Status::ok();
    return Status::error(fmt::format("peer pid {} uid {} gid {} is neither root nor in group {}",
                                     peer.pid, peer.uid, peer.gid, group));
  };
}

Result<PeerPolicy> root_or_named_group_policy(const std::string& group_name) {
  long size = ::sysconf(_SC_GETGR_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  group entry{};
  group* found = nullptr;
  if (int rc = ::getgrnam_r(group_name.c_str(), &entry, buffer.data(), buffer.size(), &found); rc != 0)
    return Status::from_errno(fmt::format("looking up group '{}'", group_name), rc);
  if (found == nullptr) return Status::error(fmt::format("no group named '{}'", group_name));
  return root_or_group_policy(found->gr_gid);
}

}  // namespace pacer::ipc

namespace pacer::ipc {

PeerPolicy cluster_peer_policy(const std::function<void(std::string_view)>& warn) {
  auto policy = root_or_named_group_policy("haclient");
  if (policy) return std::move(*policy);
  if (warn) warn(fmt::format("{}; admitting root only", policy.error_message()));
  return [](const PeerCredentials& peer) {
    return peer.uid == 0 ? Status::ok() : Status::error(fmt::format("uid {} is not root", peer.uid));
  };
}

}  // namespace pacer::ipc
