// Tests of the admission rule with a fake group database, so that rejections are tested even when
// the tests run as root.
#include "common/ipc/peer_policy.h"

#include <catch2/catch.hpp>

namespace pacer::ipc {

TEST_CASE("root and haclient members are admitted, others refused", "[ipc][policy]") {
  constexpr gid_t haclient = 105;
  // uid 1001 has haclient as a supplementary group; nobody else does.
  GroupMembership fake = [](uid_t uid, gid_t primary, gid_t group) {
    return primary == group || (uid == 1001 && group == haclient);
  };
  PeerPolicy policy = root_or_group_policy(haclient, fake);

  CHECK(policy({.pid = 10, .uid = 0, .gid = 0}));
  CHECK(policy({.pid = 11, .uid = 1000, .gid = haclient}));  // primary group
  CHECK(policy({.pid = 12, .uid = 1001, .gid = 100}));       // supplementary group
  Status refused = policy({.pid = 13, .uid = 1002, .gid = 100});
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.message(), Catch::Contains("pid 13 uid 1002"));
}

TEST_CASE("the system lookup knows root's own group", "[ipc][policy]") {
  CHECK(system_group_membership(0, 0, 0));
  CHECK(root_or_named_group_policy("root"));
  Result<PeerPolicy> missing = root_or_named_group_policy("no-such-group-pacer");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error_message(), Catch::Contains("no group named"));
}

}  // namespace pacer::ipc

TEST_CASE("the cluster policy admits root, and a stranger is refused with a reason") {
  std::vector<std::string> warnings;
  auto policy = pacer::ipc::cluster_peer_policy([&](std::string_view w) { warnings.emplace_back(w); });
  CHECK(policy({.pid = 1, .uid = 0, .gid = 0}));
  // uid 65533 with an unlikely primary group: not root, not in haclient on any host.
  auto refused = policy({.pid = 1, .uid = 65533, .gid = 65533});
  CHECK_FALSE(refused);
  CHECK_FALSE(refused.message().empty());
}
