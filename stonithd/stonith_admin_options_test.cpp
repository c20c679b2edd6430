// stonith_admin's flags as Pacemaker 2.1 spells them.
#include "stonithd/stonith_admin_options.h"

#include <catch2/catch.hpp>

namespace pacer::stonithd {
namespace {

TEST_CASE("stonith_admin commands") {
  auto o = parse_admin_options({"-B", "pm1", "-t", "30"});
  REQUIRE(o);
  CHECK(o->command == AdminCommand::fence);
  CHECK(o->action == FenceAction::reset);
  CHECK(o->target == "pm1");
  CHECK(o->timeout == Millis(30000));
  CHECK(parse_admin_options({"--fence=pm2"})->action == FenceAction::off);
  CHECK(parse_admin_options({"-U", "pm2"})->action == FenceAction::on);
  CHECK(parse_admin_options({"-L"})->command == AdminCommand::list_registered);
  CHECK(parse_admin_options({"-lpm1"})->target == "pm1");
  CHECK(parse_admin_options({"-H", "*"})->target.empty());
  auto m = parse_admin_options({"-M", "-a", "fence_dummy"});
  REQUIRE(m);
  CHECK(m->agent == "fence_dummy");
  CHECK_FALSE(parse_admin_options({"-M"}));
  CHECK_FALSE(parse_admin_options({}));
  CHECK_FALSE(parse_admin_options({"-B"}));
  CHECK_FALSE(parse_admin_options({"-B", "pm1", "-L"}));
  CHECK_FALSE(parse_admin_options({"-t", "0", "-L"}));
  CHECK_FALSE(parse_admin_options({"--bogus"}));
  CHECK(parse_admin_options({"-?"})->help);
  CHECK(parse_admin_options({"--help"})->help);
  CHECK_FALSE(parse_admin_options({"-h", "pm1"}));  // Pacemaker's --last, not help
  CHECK_FALSE(parse_admin_options({"--last=pm1"}));
}

TEST_CASE("stonith_admin -H shows the last successful fencing; with --verbose every operation") {
  namespace pb = proto::stonithd;
  auto entry = [](const std::string& id, pb::OpState state, std::int64_t completed) {
    pb::HistoryEntry e;
    e.set_op_id(id);
    e.set_target("pm1");
    e.set_state(state);
    e.set_completed_ms(completed);
    return e;
  };
  std::vector<pb::HistoryEntry> all = {entry("a", pb::DONE, 1000), entry("b", pb::DONE, 3000),
                                       entry("c", pb::FAILED, 4000), entry("d", pb::PENDING, 0)};
  auto last = history_to_show(all, false);
  REQUIRE(last.size() == 1);
  CHECK(last[0].op_id() == "b");
  CHECK(history_to_show(all, true).size() == 4);
  CHECK(history_to_show({entry("c", pb::FAILED, 4000), entry("d", pb::PENDING, 0)}, false).empty());
  CHECK(history_to_show({}, true).empty());
  auto v = parse_admin_options({"-H", "pm1", "--verbose"});
  REQUIRE(v);
  CHECK(v->verbose == 1);
  CHECK(parse_admin_options({"-H", "pm1", "-q"})->quiet);
}

}  // namespace
}  // namespace pacer::stonithd
