// Who may sign on to the heartbeat API under which client name: ha.cf `apiauth` (with Heartbeat's
// built-ins and those `pacemaker on` implies). A pure decision over the peer's socket credentials.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "common/config/ha_config.h"
#include "common/result.h"

namespace pacer::heartbeat {

// Name lookups behind a seam so tests can describe users and groups that do not exist here.
struct AccountLookup {
  std::function<std::optional<uid_t>(const std::string& user)> uid_of;
  std::function<std::optional<gid_t>(const std::string& group)> gid_of;
  std::function<bool(uid_t uid, gid_t primary_gid, gid_t group)> in_group;
};
AccountLookup system_accounts();

// Root may use any name. Others need an apiauth entry for the name (or `default`) whose uid list
// names them or whose gid list holds one of their groups.
Status authorize_signon(const config::HaConfig& config, const std::string& client_name, uid_t uid,
                        gid_t gid, const AccountLookup& accounts);

}  // namespace pacer::heartbeat
