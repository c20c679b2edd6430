// The DC's fencing action with a fake stonithd and a recording CIB: the request, the erasure of
// the fenced node's lrm and transient_attributes, and confirmation only when stonithd answered.
#include "crmd/fencing_action.h"

#include <catch2/catch.hpp>

namespace pacer::crmd {
namespace {

struct RecordingCib final : CibPort {
  std::vector<cib::CibRequest> applied;
  std::string xml = "<cib><configuration><crm_config/></configuration><status/></cib>";
  Result<cib::CibVersion> apply(const cib::CibRequest& request) override {
    applied.push_back(request);
    return cib::CibVersion{};
  }
  Result<std::string> query() override { return xml; }
  ApplyCib applier() {
    return [this](const cib::CibRequest& r) { (void)apply(r); };
  }
};

struct Lines final : LogSink {
  std::vector<std::string> lines;
  void log(LogLevel, std::string_view line) override { lines.emplace_back(line); }
  bool has(std::string_view text) const {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
  }
};

struct FakeStonithd final : FencingPort {
  std::vector<std::pair<std::string, Millis>> requests;
  std::vector<Done> pending;
  bool reachable = true;
  Status fence(const std::string& node, Millis timeout, Done done) override {
    if (!reachable) return Status::error("stonithd is not running");
    requests.emplace_back(node, timeout);
    pending.push_back(std::move(done));
    return Status::ok();
  }
};

GraphAction stonith_of_pm1() {
  GraphAction a;
  a.id = 7;
  a.type = ActionType::crm_event;
  a.operation = "stonith";
  a.on_node = "pm1";
  a.on_node_uuid = "uuid-pm1";
  a.attributes = {{"CRM_meta_stonith_action", "reboot"}};
  return a;
}

TEST_CASE("fencing: stonithd is asked with the cluster's stonith-timeout; success erases the node's status") {
  RecordingCib cib;
  Lines log;
  FakeStonithd stonithd;
  std::vector<bool> confirmed;
  REQUIRE(start_fencing(stonith_of_pm1(), Millis(740000), &stonithd, cib.applier(), log,
                        [&](bool ok) { confirmed.push_back(ok); }));
  REQUIRE(stonithd.requests.size() == 1);
  CHECK(stonithd.requests[0] == std::pair<std::string, Millis>{"pm1", Millis(740000)});
  CHECK(log.has("te_fence_node: Executing reboot fencing operation (7) on pm1 (timeout=740000)"));
  CHECK(confirmed.empty());  // nothing until stonithd answers
  CHECK(cib.applied.empty());
  stonithd.pending[0](true, "pm2");
  CHECK(confirmed == std::vector<bool>{true});
  REQUIRE(cib.applied.size() == 3);
  // Clean now (expected down), so the policy engine stops asking for its fencing.
  CHECK(cib.applied[0].data.find("expected=\"down\"") != std::string::npos);
  CHECK(cib.applied[0].data.find("uuid-pm1") != std::string::npos);
  CHECK(cib.applied[1].xpath == "//node_state[@id='uuid-pm1']/lrm");
  CHECK(cib.applied[2].xpath == "//node_state[@id='uuid-pm1']/transient_attributes");
  CHECK(cib.applied[1].operation == cib::CibOperation::remove);
  CHECK(cib.applied[2].operation == cib::CibOperation::remove);
}

TEST_CASE("fencing: a failure or an unreachable stonithd fails the action and erases nothing") {
  RecordingCib cib;
  Lines log;
  FakeStonithd stonithd;
  std::vector<bool> confirmed;
  REQUIRE(start_fencing(stonith_of_pm1(), Millis(60000), &stonithd, cib.applier(), log,
                        [&](bool ok) { confirmed.push_back(ok); }));
  stonithd.pending[0](false, "timed out");
  CHECK(confirmed == std::vector<bool>{false});
  CHECK(cib.applied.empty());
  CHECK(log.has("Stonith of pm1 failed: timed out"));

  stonithd.reachable = false;
  CHECK_FALSE(start_fencing(stonith_of_pm1(), Millis(60000), &stonithd, cib.applier(), log, [](bool) {}));
  CHECK_FALSE(start_fencing(stonith_of_pm1(), Millis(60000), nullptr, cib.applier(), log, [](bool) {}));
  CHECK(log.has("Cannot fence pm1: stonithd is not available"));
}

TEST_CASE("stonith-enabled: true unless crm_config says otherwise") {
  RecordingCib cib;
  CHECK(stonith_enabled(cib));
  cib.xml = R"(<cib><configuration><crm_config><cluster_property_set id="o">)"
            R"(<nvpair id="o-se" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>)"
            R"(</configuration><status/></cib>)";
  CHECK_FALSE(stonith_enabled(cib));
}

TEST_CASE("a lost node: unclean and kept until fenced with stonith, down and erased without") {
  RecordingCib cib;
  record_node_loss("uuid-pm1", "pm1", true, cib.applier());
  REQUIRE(cib.applied.size() == 1);
  CHECK(cib.applied[0].data.find("expected=\"member\"") != std::string::npos);
  CHECK(cib.applied[0].data.find("in_ccm=\"false\"") != std::string::npos);
  cib.applied.clear();
  record_node_loss("uuid-pm1", "pm1", false, cib.applier());
  REQUIRE(cib.applied.size() == 3);
  CHECK(cib.applied[0].data.find("expected=\"down\"") != std::string::npos);
  CHECK(cib.applied[1].xpath.ends_with("/lrm"));
}

}  // namespace
}  // namespace pacer::crmd
