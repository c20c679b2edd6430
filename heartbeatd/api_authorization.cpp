#include "heartbeatd/api_authorization.h"

#include <grp.h>
#include <pwd.h>

#include <vector>

#include "common/ipc/peer_policy.h"

namespace pacer::heartbeat {

AccountLookup system_accounts() {
  return AccountLookup{
      [](const std::string& user) -> std::optional<uid_t> {
        std::vector<char> buffer(16384);
        passwd pw{};
        passwd* found = nullptr;
        if (::getpwnam_r(user.c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
          return std::nullopt;
        return pw.pw_uid;
      },
      [](const std::string& group) -> std::optional<gid_t> {
        std::vector<char> buffer(16384);
        struct group gr {};
        struct group* found = nullptr;
        if (::getgrnam_r(group.c_str(), &gr, buffer.data(), buffer.size(), &found) != 0 || !found)
          return std::nullopt;
        return gr.gr_gid;
      },
      ipc::system_group_membership,
  };
}

Status authorize_signon(const config::HaConfig& config, const std::string& client_name, uid_t uid,
                        gid_t gid, const AccountLookup& accounts) {
  if (uid == 0) return Status::ok();
  const config::ApiAuth* rule = config.find_apiauth(client_name);
  if (rule == nullptr) rule = config.find_apiauth("default");
  if (rule == nullptr)
    return Status::error(fmt::format("client [{}] (uid {}) is not authorized: no apiauth for it",
                                     client_name, uid));
  for (const auto& user : rule->users)
    if (accounts.uid_of(user) == uid) return Status::ok();
  for (const auto& group : rule->groups)
    if (auto g = accounts.gid_of(group); g && accounts.in_group(uid, gid, *g)) return Status::ok();
  return Status::error(fmt::format("client [{}] (uid {} gid {}) is not authorized by apiauth [{}]",
                                   client_name, uid, gid, rule->client));
}

}  // namespace pacer::heartbeat
