// Controllers wired together in memory (testing/test_cluster.h): election, join and the status
// rebuilt from lrmd, a transition run, a failed monitor leading to a fail-count and a move, DC loss
// and re-election, a dead policy engine.
#include <algorithm>

#include <catch2/catch.hpp>

#include "crmd/testing/test_cluster.h"

using namespace pacer;
using namespace pacer::crmd;
using namespace pacer::crmd::testing;
using namespace std::chrono_literals;

namespace {

std::string cib_with_nodes(const std::vector<std::string>& nodes) {
  std::string node_xml;
  for (const auto& n : nodes) node_xml += R"(<node id="uuid-)" + n + R"(" uname=")" + n + R"(" type="member"/>)";
  return R"(<cib validate-with="pacemaker-1.0" admin_epoch="0" epoch="1" num_updates="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="o-nqp" name="no-quorum-policy" value="ignore"/>
      <nvpair id="o-se" name="stonith-enabled" value="false"/>
    </cluster_property_set></crm_config>
    <nodes>)" + node_xml + R"(</nodes>
    <resources>
      <primitive id="prmDummy" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="prmDummy-meta">
          <nvpair id="prmDummy-mt" name="migration-threshold" value="1"/>
          <nvpair id="prmDummy-rs" name="resource-stickiness" value="INFINITY"/>
        </meta_attributes>
        <operations>
          <op id="prmDummy-start" name="start" interval="0s" timeout="60s"/>
          <op id="prmDummy-monitor" name="monitor" interval="10s" timeout="60s"/>
          <op id="prmDummy-stop" name="stop" interval="0s" timeout="60s"/>
        </operations>
      </primitive>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>)";
}

std::string where_running(TestCluster& cluster, const std::vector<std::string>& nodes) {
  std::string found;
  for (const auto& n : nodes)
    if (cluster.node(n).up && cluster.node(n).lrm->running("prmDummy")) found += (found.empty() ? "" : ",") + n;
  return found;
}

// Boots pm1 and pm2 and lets the DC start prmDummy: where it runs, and the other node.
std::pair<std::string, std::string> boot_and_place_dummy(TestCluster& cluster) {
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  std::string at = where_running(cluster, {"pm1", "pm2"});
  REQUIRE(!at.empty());
  return {at, at == "pm1" ? "pm2" : "pm1"};
}

}  // namespace

TEST_CASE("two controllers elect one DC as soon as both are members, and join") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(1s);  // well inside dc-deadtime (20 s): no waiting for it
  std::string dc = cluster.dc();
  REQUIRE(dc == "pm1");  // up longer
  CHECK(cluster.controller("pm2").state() == State::S_NOT_DC);
  CHECK(cluster.controller("pm2").dc() == "pm1");
  CHECK(cluster.node("pm1").logged("update_dc: Set DC to pm1 (3.0.1)"));
  CHECK(cluster.node("pm2").logged("update_dc: Set DC to pm1 (3.0.1)"));
  CHECK(cluster.node("pm1").logged("start_subsystem: Starting sub-system \"pengine\""));
  CHECK(cluster.node("pm1").logged("do_state_transition: State transition S_ELECTION -> S_INTEGRATION"));
  CHECK(cluster.controller("pm1").state() == State::S_IDLE);

  // The DC's CIB: both nodes joined, DC properties set.
  CHECK(cluster.count("pm1", "//node_state[@uname='pm1' and @join='member' and @crmd='online' and @in_ccm='true']") == 1);
  CHECK(cluster.count("pm1", "//node_state[@uname='pm2' and @join='member' and @expected='member']") == 1);
  CHECK(cluster.count("pm1", "/cib[@dc-uuid='uuid-pm1' and @have-quorum='1']") == 1);
  CHECK(cluster.count("pm1", "//nvpair[@name='dc-version']") == 1);
  CHECK(cluster.count("pm1", "//nvpair[@name='cluster-infrastructure' and @value='Heartbeat']") == 1);
  // The non-DC took the DC's copy (no replication in cibd yet).
  CHECK(cluster.count("pm2", "//nvpair[@name='dc-version']") == 1);
}

TEST_CASE("a lone node waits dc-deadtime for the missing one, then elects itself") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.run_for(10s);
  CHECK(cluster.controller("pm1").state() == State::S_PENDING);
  cluster.run_for(15s);
  CHECK(cluster.dc() == "pm1");
  CHECK(cluster.node("pm1").logged("Election Trigger (I_DC_TIMEOUT) just popped"));
  // pm2 comes later and is integrated without a new DC.
  cluster.boot("pm2");
  cluster.run_for(2s);
  CHECK(cluster.dc() == "pm1");
  CHECK(cluster.controller("pm2").state() == State::S_NOT_DC);
  CHECK(cluster.count("pm1", "//node_state[@uname='pm2' and @join='member']") == 1);
}

TEST_CASE("a join offer from a DC that never completes the join is given up after dc-deadtime") {
  // After a near-simultaneous start both nodes may briefly be DC; the one that loses the next
  // election may already have sent its offer. Whoever took that offer must not wait forever.
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm2");
  cluster.run_for(1s);
  proto::crmd::CrmdMessage offer;
  offer.set_version(kProtocolVersion);
  offer.mutable_join_offer()->set_join_id(7);
  cluster.controller("pm2").on_message("pm1", offer);  // pm1's controller is not running
  CHECK(cluster.controller("pm2").dc() == "pm1");
  CHECK(cluster.controller("pm2").state() == State::S_PENDING);
  cluster.run_for(25s);
  CHECK(cluster.node("pm2").logged("Election Trigger (I_DC_TIMEOUT) just popped"));
  CHECK(cluster.node("pm2").logged("update_dc: Unset DC pm1"));
  CHECK(cluster.dc() == "pm2");
}

TEST_CASE("the DC runs a transition: start and monitor on one node, results in the CIB") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  std::string at = where_running(cluster, {"pm1", "pm2"});
  REQUIRE((at == "pm1" || at == "pm2"));
  CHECK(cluster.controller("pm1").state() == State::S_IDLE);
  auto& dc = cluster.node("pm1");
  CHECK(dc.logged("te_rsc_command: Initiating action"));
  CHECK(dc.logged("prmDummy_start_0 on " + at));
  CHECK(dc.logged("Complete=") );
  CHECK(cluster.node(at).logged("do_lrm_rsc_op: Performing key="));
  CHECK(cluster.node(at).logged("op=prmDummy_start_0 )"));
  CHECK(cluster.node(at).logged("process_lrm_event: LRM operation prmDummy_start_0 (call="));
  // Probes, when the policy engine plans them, run before the start on every node.
  const auto& performed = cluster.node(at).lrm->performed;
  auto start = std::find(performed.begin(), performed.end(), "prmDummy_start_0");
  CHECK(start != performed.end());
  CHECK(std::find(performed.begin(), start, "prmDummy_stop_0") == start);
  // The status section has the start and the recurring monitor with the recorded fields.
  std::string op = "//node_state[@uname='" + at + "']//lrm_resource[@id='prmDummy' and @class='ocf' and @type='Dummy']";
  CHECK(cluster.count("pm1", op + "/lrm_rsc_op[@id='prmDummy_last_0' and @operation='start' and @rc-code='0' "
                             "and @op-status='0' and @interval='0' and @call-id and @op-digest and @transition-key "
                             "and @transition-magic and @last-run and @exec-time='10']") == 1);
  CHECK(cluster.count("pm1", op + "/lrm_rsc_op[@id='prmDummy_monitor_10000' and @interval='10000']") == 1);
  // A second policy run finds nothing to do: the digests and history agree with the configuration.
  int before = cluster.controller("pm1").transitions_started();
  cluster.run_for(16min);  // cluster-recheck-interval
  CHECK(cluster.controller("pm1").transitions_started() == before + 1);
  CHECK(where_running(cluster, {"pm1", "pm2"}) == at);
}

TEST_CASE("a failed monitor updates the fail-count and the resource moves (migration-threshold=1)") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  auto [at, other] = boot_and_place_dummy(cluster);
  cluster.node(at).lrm->kill("prmDummy");
  cluster.run_for(2s);
  auto& dc = cluster.node("pm1");
  CHECK(dc.logged("WARN: update_failcount: Updating failcount for prmDummy on " + at +
                  " after failed monitor: rc=7 (update=value++, time="));
  CHECK(cluster.count("pm1", "//node_state[@uname='" + at + "']//nvpair[@name='fail-count-prmDummy' and @value='1']") == 1);
  CHECK(cluster.count("pm1", "//node_state[@uname='" + at + "']//nvpair[@name='last-failure-prmDummy']") == 1);
  CHECK(cluster.count("pm1", "//node_state[@uname='" + at + "']//lrm_rsc_op[@id='prmDummy_last_failure_0' and @rc-code='7']") == 1);
  CHECK(where_running(cluster, {"pm1", "pm2"}) == other);
  CHECK(cluster.controller("pm1").state() == State::S_IDLE);
}

TEST_CASE("crm_resource -F: the node's crmd reports a failed asyncmon; the DC counts it and moves the resource") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  auto [at, other] = boot_and_place_dummy(cluster);
  // Asked on the other node: relayed to the crmd where the resource runs.
  CHECK(cluster.controller(other).fail_resource("prmDummy", at));
  cluster.run_for(2s);
  CHECK(cluster.node("pm1").logged("WARN: update_failcount: Updating failcount for prmDummy on " + at +
                                   " after failed asyncmon: rc=1 (update=value++, time="));
  CHECK(cluster.count("pm1", "//node_state[@uname='" + at + "']//lrm_rsc_op[@id='prmDummy_last_failure_0' and "
                             "@operation='asyncmon' and @rc-code='1']") == 1);
  CHECK(cluster.count("pm1", "//node_state[@uname='" + at + "']//nvpair[@name='fail-count-prmDummy' and @value='1']") == 1);
  CHECK(where_running(cluster, {"pm1", "pm2"}) == other);
  // A resource this node's LRM does not know is refused with the reason.
  Status unknown = cluster.controller(other).fail_resource("prmNothing", "");
  CHECK_FALSE(unknown);
  CHECK(unknown.message() == "resource prmNothing is not known to the LRM on this node");
  CHECK_FALSE(cluster.controller("pm1").fail_resource("prmDummy", "pm9"));
}

TEST_CASE("a failed stop is not counted, and the failed monitor stays among the failed actions (1.0)") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  auto [at, other] = boot_and_place_dummy(cluster);
  cluster.node(at).lrm->fail_stop.insert("prmDummy");
  cluster.node(at).lrm->kill("prmDummy");
  cluster.run_for(2s);
  std::string state = "//node_state[@uname='" + at + "']";
  // The monitor's failure counted once; the recovery's stop failed and was not counted.
  CHECK(cluster.count("pm1", state + "//nvpair[@name='fail-count-prmDummy' and @value='1']") == 1);
  CHECK(cluster.count("pm1", state + "//lrm_rsc_op[@id='prmDummy_last_failure_0' and @operation='stop']") == 1);
  // The stop cancelled the monitor, whose entry (rc 7) is kept, as the seed's screen shows it.
  CHECK(cluster.count("pm1", state + "//lrm_rsc_op[@operation='monitor' and @interval!='0' and @rc-code='7']") == 1);
  CHECK(cluster.node("pm1").count_logged("update_failcount: Updating failcount for prmDummy") == 1);
}

TEST_CASE("losing the DC: the survivor is elected, rebuilds the status from lrmd and keeps the resource") {
  TestCluster cluster({"pm1", "pm2", "pm3"}, cib_with_nodes({"pm1", "pm2", "pm3"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.boot("pm3");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  std::string at = where_running(cluster, {"pm1", "pm2", "pm3"});
  REQUIRE(!at.empty());
  cluster.power_off("pm1");
  cluster.run_for(3s);
  std::string dc = cluster.dc();
  REQUIRE((dc == "pm2" || dc == "pm3"));
  CHECK(cluster.node(dc).logged("update_dc: Unset DC pm1"));
  CHECK(cluster.controller(dc).state() == State::S_IDLE);
  std::string now_at = where_running(cluster, {"pm2", "pm3"});
  if (at != "pm1") {
    CHECK(now_at == at);  // stickiness: nothing moved, nothing restarted
    CHECK(cluster.node(at).lrm->performed.back() == "prmDummy_monitor_10000");
  } else {
    CHECK(!now_at.empty());
  }
  // The new DC's own CIB got the history from the lrmd of each node, not from the old DC.
  CHECK(cluster.count(dc, "//node_state[@uname='" + now_at + "']//lrm_rsc_op[@operation='start' and @rc-code='0']") == 1);
  CHECK(cluster.count(dc, "/cib[@dc-uuid='uuid-" + dc + "']") == 1);
}

TEST_CASE("the DC's policy engine dies: crmd exits non-zero, the other node takes over") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  int pid = cluster.node("pm1").pe_pid;
  cluster.kill_pengine("pm1");
  cluster.settle();
  auto& old = cluster.node("pm1");
  CHECK(old.logged("crmdManagedChildDied: Process pengine:[" + std::to_string(pid) + "] exited (signal=9, exitcode=0)"));
  CHECK(old.logged("CRIT: pe_connection_destroy: Connection to the Policy Engine failed (pid=" + std::to_string(pid) +
                   ", uuid=te-pm1)"));
  CHECK(old.logged("do_exit: Could not recover from internal error"));
  CHECK(!old.up);  // failfast: heartbeatd reboots the node
  cluster.run_for(3s);
  CHECK(cluster.dc() == "pm2");
  CHECK(where_running(cluster, {"pm2"}) == "pm2");
}

TEST_CASE("a node asks the DC to shut down: its resources move away first, then it is let go") {
  std::string cib = cib_with_nodes({"pm1", "pm2"});
  cib.replace(cib.find("<constraints/>"), 14,
              R"(<constraints><rsc_location id="loc" rsc="prmDummy" node="pm2" score="100"/></constraints>)");
  TestCluster cluster({"pm1", "pm2"}, cib);
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  REQUIRE(where_running(cluster, {"pm1", "pm2"}) == "pm2");
  cluster.controller("pm2").on_shutdown_request();
  cluster.run_for(2s);
  CHECK(cluster.node("pm2").logged("crm_shutdown: Requesting shutdown"));
  CHECK(cluster.node("pm1").logged("handle_shutdown_request: Creating shutdown request for pm2 (state=S_IDLE)"));
  CHECK(cluster.count("pm1", "//node_state[@uname='pm2' and @expected='down']") == 1);
  // The resource left pm2 (stopped there, started on pm1) before pm2's crmd exited.
  CHECK(where_running(cluster, {"pm1", "pm2"}) == "pm1");
  CHECK(cluster.node("pm2").lrm->performed.back() == "prmDummy_stop_0");
  CHECK(cluster.node("pm2").logged("do_exit: Performing A_EXIT_0 - gracefully exiting the CRMd"));
}

TEST_CASE("the DC itself shuts down: its resources move to the other node, which becomes DC") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  std::string at = where_running(cluster, {"pm1", "pm2"});
  REQUIRE(!at.empty());
  cluster.controller("pm1").on_shutdown_request();
  cluster.run_for(2s);
  CHECK(cluster.node("pm1").logged("do_exit: Performing A_EXIT_0 - gracefully exiting the CRMd"));
  CHECK(where_running(cluster, {"pm1", "pm2"}) == "pm2");
  CHECK(cluster.dc() == "pm2");
  if (at == "pm1") CHECK(cluster.node("pm1").lrm->performed.back() == "prmDummy_stop_0");
}

TEST_CASE("a CIB without a nodes entry gets one for every node that joins") {
  std::string cib = cib_with_nodes({});
  TestCluster cluster({"pm1", "pm2"}, cib);
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  CHECK(cluster.count("pm1", "/cib/configuration/nodes/node[@id='uuid-pm1' and @uname='pm1' and @type='normal']") == 1);
  CHECK(cluster.count("pm1", "/cib/configuration/nodes/node[@id='uuid-pm2' and @uname='pm2']") == 1);
  CHECK(!where_running(cluster, {"pm1", "pm2"}).empty());
}

TEST_CASE("the DC's cib is the master: an update made on another node reaches the DC and every copy") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  cib::CibRequest add;
  add.operation = cib::CibOperation::create;
  add.section = "crm_config";
  add.data = R"(<cluster_property_set id="extra"><nvpair id="extra-x" name="x" value="1"/></cluster_property_set>)";
  CHECK(cluster.node("pm1").replicator->is_master());
  CHECK(cluster.node("pm2").replicator->master() == "pm1");
  int transitions = cluster.controller("pm1").transitions_started();
  auto r = cluster.update("pm2", add);
  INFO(r.error_message());
  REQUIRE(r.is_ok());
  cluster.run_for(2s);
  CHECK(cluster.count("pm1", "//nvpair[@id='extra-x']") == 1);
  // The DC saw a change it did not make and asked the policy engine again, once.
  CHECK(cluster.controller("pm1").transitions_started() == transitions + 1);
  CHECK(cluster.controller("pm1").state() == State::S_IDLE);
  // Every copy is the same, status included: the DC's writes reached pm2 as diffs.
  CHECK(cluster.cib_of("pm2") == cluster.cib_of("pm1"));
  CHECK(cluster.node("pm2").replicator->syncs_taken() == 0);
}

TEST_CASE("a failed monitor on a non-DC node: its attrd's fail-count reaches the DC's CIB and it moves") {
  std::string cib = cib_with_nodes({"pm1", "pm2"});
  cib.replace(cib.find("<constraints/>"), 14,
              R"(<constraints><rsc_location id="loc" rsc="prmDummy" node="pm2" score="100"/></constraints>)");
  TestCluster cluster({"pm1", "pm2"}, cib);
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  REQUIRE(where_running(cluster, {"pm1", "pm2"}) == "pm2");
  cluster.node("pm2").lrm->kill("prmDummy");
  cluster.run_for(2s);
  CHECK(cluster.count("pm1", "//node_state[@uname='pm2']//nvpair[@name='fail-count-prmDummy' and @value='1']") == 1);
  CHECK(where_running(cluster, {"pm1", "pm2"}) == "pm1");
  // The stop on pm2 ran before the start on pm1: never active twice.
  CHECK(cluster.node("pm2").lrm->performed.back() == "prmDummy_stop_0");
}

TEST_CASE("crmadmin -S for another node: the question goes to that node's crmd and back") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  std::string from, state, dc;
  cluster.controller("pm1").on_status_answer = [&](const std::string& f, const proto::crmd::StatusAnswer& a) {
    if (a.id() == 7) from = f, state = a.state(), dc = a.dc();
  };
  cluster.controller("pm1").query_status("pm2", 7);
  cluster.settle();
  CHECK(from == "pm2");
  CHECK(state == "S_NOT_DC");
  CHECK(dc == "pm1");
}

TEST_CASE("cluster-recheck-interval from crm_config re-runs the policy engine when idle") {
  std::string cib = cib_with_nodes({"pm1", "pm2"});
  cib.replace(cib.find("<nvpair id=\"o-se\""), 0, R"(<nvpair id="o-cri" name="cluster-recheck-interval" value="1min"/>)");
  TestCluster cluster({"pm1", "pm2"}, cib);
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  int before = cluster.controller("pm1").transitions_started();
  cluster.run_for(61s);
  CHECK(cluster.controller("pm1").transitions_started() == before + 1);
  CHECK(cluster.node("pm1").logged("Triggered transition abort (complete=1) : cluster-recheck-interval"));
}

TEST_CASE("after a join every attrd writes its values again, so attributes a synced copy lost come back") {
  TestCluster cluster({"pm1", "pm2"}, cib_with_nodes({"pm1", "pm2"}));
  cluster.boot("pm1");
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  CHECK(cluster.node("pm1").attrd_refreshes == 1);
  CHECK(cluster.node("pm2").attrd_refreshes == 1);
  // pingd on the DC's node sets its attribute.
  REQUIRE(cluster.node("pm1").attrd->update({"default_ping_set", "pm1", "100"}));
  cluster.run_for(1s);
  const std::string ping = "//node_state[@uname='pm1']//nvpair[@name='default_ping_set' and @value='100']";
  REQUIRE(cluster.count("pm2", ping) == 1);
  // A rejoining node's copy won and did not have it (what the version rule can do after a partition).
  cib::CibRequest lose;
  lose.operation = cib::CibOperation::remove;
  lose.xpath = "//node_state[@uname='pm1']/transient_attributes";
  REQUIRE(cluster.update("pm1", lose).is_ok());
  REQUIRE(cluster.count("pm1", ping) == 0);
  cluster.power_off("pm2");
  cluster.run_for(2s);
  cluster.boot("pm2");
  cluster.run_for(2s);
  REQUIRE(cluster.dc() == "pm1");
  CHECK(cluster.count("pm1", ping) == 1);
  CHECK(cluster.count("pm2", ping) == 1);
}
