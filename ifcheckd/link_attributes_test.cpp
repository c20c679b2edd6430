// ifcheckd's attribute rules over heartbeatd's events.
#include "ifcheckd/link_attributes.h"

#include <catch2/catch.hpp>

#include "ifcheckd/dc_recorded.h"

namespace pacer::ifcheckd {
namespace {

std::map<std::string, std::string> as_map(const std::vector<attrd::AttributeUpdate>& updates) {
  std::map<std::string, std::string> out;
  for (const auto& u : updates) out[u.name] = u.remove ? "<delete>" : *u.value;
  return out;
}

LinkAttributes two_nodes() {
  LinkAttributes l("pm1");
  for (std::string n : {"pm1", "pm2"}) {
    l.node_status(n, "active", "normal");
    l.link_status(n, "eth1", "up");
    l.link_status(n, "eth2", "up");
  }
  l.node_status("198.19.0.200", "active", "ping");
  l.link_status("198.19.0.200", "ping", "up");
  return l;
}

TEST_CASE("one attribute per live peer and interface, none for self or ping nodes", "[ifcheckd]") {
  auto l = two_nodes();
  auto first = l.take_changes(Millis(0));
  CHECK(as_map(first) == std::map<std::string, std::string>{{"pm2-eth1", "up"}, {"pm2-eth2", "up"}});
  CHECK(first[0].dampen == Millis(0));
  CHECK(l.take_changes(Millis(0)).empty());
}

TEST_CASE("a dead link of a live peer is dead, and up again on restore", "[ifcheckd]") {
  auto l = two_nodes();
  (void)l.take_changes(Millis(0));
  l.link_status("pm2", "eth1", "dead");
  CHECK(as_map(l.take_changes(Millis(0))) == std::map<std::string, std::string>{{"pm2-eth1", "dead"}});
  l.link_status("pm2", "eth1", "up");
  CHECK(as_map(l.take_changes(Millis(2000))) == std::map<std::string, std::string>{{"pm2-eth1", "up"}});
}

TEST_CASE("a dead peer's attributes are deleted and come back when it returns", "[ifcheckd]") {
  auto l = two_nodes();
  (void)l.take_changes(Millis(0));
  l.link_status("pm2", "eth1", "dead");
  l.link_status("pm2", "eth2", "dead");
  l.node_status("pm2", "dead", "normal");
  CHECK(as_map(l.take_changes(Millis(0))) ==
        std::map<std::string, std::string>{{"pm2-eth1", "<delete>"}, {"pm2-eth2", "<delete>"}});
  CHECK(l.resend_all(Millis(0)).empty());
  l.node_status("pm2", "active", "");
  l.link_status("pm2", "eth1", "up");
  CHECK(as_map(l.take_changes(Millis(0))) ==
        std::map<std::string, std::string>{{"pm2-eth1", "up"}, {"pm2-eth2", "dead"}});
  CHECK(l.resend_all(Millis(0)).size() == 2);
}

TEST_CASE("links not judged yet are left out", "[ifcheckd]") {
  LinkAttributes l("pm1");
  l.node_status("pm2", "init", "normal");
  l.link_status("pm2", "eth1", "init");
  CHECK(l.take_changes(Millis(0)).empty());
  l.node_status("pm2", "active", "normal");
  CHECK(l.take_changes(Millis(0)).empty());
}

TEST_CASE("the DC check reads dc-uuid on <cib>", "[ifcheckd]") {
  CHECK(dc_recorded("<cib epoch=\"1\" dc-uuid=\"abc\"/>"));
  CHECK_FALSE(dc_recorded("<cib epoch=\"1\"/>"));
  CHECK_FALSE(dc_recorded("<cib dc-uuid=\"\"/>"));
  CHECK_FALSE(dc_recorded("not xml"));
}

}  // namespace
}  // namespace pacer::ifcheckd
