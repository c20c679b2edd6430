// Who may talk to a pacer daemon. The identity is the one the kernel reports for the socket
// (SO_PEERCRED, read by libqb), never anything a client writes into a message.
//
// The rule of the cluster: root, or a member of the `haclient` group (primary or supplementary).
// Group membership is looked up through GroupMembership so that tests, which run as root, can
// describe other users and so exercise the rejections too.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "common/result.h"

namespace pacer::ipc {

struct PeerCredentials {
  pid_t pid = 0;
  uid_t uid = 0;
  gid_t gid = 0;  // the peer's effective (primary) group
};

// Returns ok to accept the peer, or an error saying why it is refused (the server logs it).
using PeerPolicy = std::function<Status(const PeerCredentials&)>;

// Whether user `uid`, whose primary group is `primary_gid`, belongs to group `group`.
using GroupMembership = std::function<bool(uid_t uid, gid_t primary_gid, gid_t group)>;

// The real lookup: primary group, then the supplementary groups of uid's passwd entry.
bool system_group_membership(uid_t uid, gid_t primary_gid, gid_t group);

// Accepts uid 0 and members of `group`.
PeerPolicy root_or_group_policy(gid_t group, GroupMembership membership = system_group_membership);

// root_or_group_policy for the group named `group_name` ("haclient"); fails if there is no such
// group on this host.
Result<PeerPolicy> root_or_named_group_policy(const std::string& group_name = "haclient");

}  // namespace pacer::ipc

namespace pacer::ipc {

// The policy every pacer daemon serves with: root and the haclient group; on a host without the
// group (a bare test machine), root only, after telling `warn` so.
PeerPolicy cluster_peer_policy(const std::function<void(std::string_view)>& warn);

}  // namespace pacer::ipc
