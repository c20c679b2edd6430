#include "heartbeatd/api_authorization.h"

#include <catch2/catch.hpp>

using namespace pacer;
using namespace pacer::heartbeat;

namespace {
AccountLookup fake_accounts() {
  return {
      [](const std::string& u) -> std::optional<uid_t> {
        if (u == "hacluster") return 102;
        return std::nullopt;
      },
      [](const std::string& g) -> std::optional<gid_t> {
        if (g == "haclient") return 105;
        return std::nullopt;
      },
      [](uid_t uid, gid_t primary, gid_t group) { return primary == group || (uid == 500 && group == 105); },
  };
}

config::HaConfig with_rules() {
  config::HaConfig c;
  c.apiauth = {{"cib", {"hacluster"}, {}}, {"cl_status", {}, {"haclient"}}};
  return c;
}
}  // namespace

TEST_CASE("root may sign on under any name") {
  CHECK(authorize_signon(config::HaConfig{}, "anything", 0, 0, fake_accounts()));
}

TEST_CASE("apiauth uid lists and gid lists both admit") {
  auto c = with_rules();
  CHECK(authorize_signon(c, "cib", 102, 105, fake_accounts()));
  CHECK(authorize_signon(c, "cl_status", 500, 500, fake_accounts()));  // supplementary haclient
  CHECK(authorize_signon(c, "cl_status", 501, 105, fake_accounts()));  // primary haclient
}

TEST_CASE("a user the rule does not name is refused, saying which rule") {
  auto c = with_rules();
  Status s = authorize_signon(c, "cib", 501, 105, fake_accounts());
  CHECK_FALSE(s);
  CHECK(s.message() == "client [cib] (uid 501 gid 105) is not authorized by apiauth [cib]");
}

TEST_CASE("an unnamed client falls back to default, or is refused without one") {
  auto c = with_rules();
  CHECK_FALSE(authorize_signon(c, "crmd", 102, 105, fake_accounts()));
  c.apiauth.push_back({"default", {}, {"haclient"}});
  CHECK(authorize_signon(c, "crmd", 102, 105, fake_accounts()));
}
