// Unpacking: what the CIB says becomes the working set; malformed CIBs give errors naming the
// element, never a crash.
#include <catch2/catch.hpp>

#include "pengine/unpack.h"

using namespace pacer;
using namespace pacer::pengine;

namespace {

std::string cib(std::string_view resources, std::string_view constraints = "",
                std::string_view status = "") {
  return fmt::format(R"(<cib have-quorum="1"><configuration><crm_config/>
    <nodes><node id="n1" uname="pm1"/><node id="n2" uname="pm2"/></nodes>
    <resources>{}</resources><constraints>{}</constraints></configuration>
    <status>{}</status></cib>)", resources, constraints, status);
}

Result<WorkingSet> unpack(const std::string& text) {
  auto doc = XmlDocument::parse(text, "cib.xml");
  REQUIRE(doc.is_ok());
  return unpack_cib(*doc);
}

std::string error_of(const std::string& text) {
  auto ws = unpack(text);
  REQUIRE_FALSE(ws.is_ok());
  return ws.error_message();
}

const char* kDummy = R"(<primitive id="d" class="ocf" provider="pacemaker" type="Dummy"/>)";

}  // namespace

TEST_CASE("a clone unpacks into one instance per node") {
  auto ws = unpack(cib(fmt::format(R"(<clone id="c">{}</clone>)", kDummy)));
  REQUIRE(ws.is_ok());
  REQUIRE(ws->find_resource("d:0"));
  REQUIRE(ws->find_resource("d:1"));
  CHECK_FALSE(ws->find_resource("d:2"));
  CHECK(ws->resources[*ws->find_resource("d:0")].stickiness == 1);
}

TEST_CASE("membership fields decide online, offline and unclean") {
  auto state = [](std::string fields) {
    return fmt::format(R"(<node_state id="n1" uname="pm1" {}/>)", fields);
  };
  auto ws = unpack(cib(kDummy, "", state(R"(in_ccm="true" crmd="online" join="member" expected="member")")));
  REQUIRE(ws.is_ok());
  CHECK(ws->nodes[0].online);
  CHECK_FALSE(ws->nodes[1].online);  // no node_state: down
  ws = unpack(cib(kDummy, "", state(R"(in_ccm="false" crmd="online" join="member" expected="member")")));
  CHECK(ws->nodes[0].unclean);
  CHECK(ws->nodes[0].fence_reason == "peer is no longer part of the cluster");
  ws = unpack(cib(kDummy, "", state(R"(in_ccm="false" crmd="offline" join="down" expected="down")")));
  CHECK_FALSE(ws->nodes[0].unclean);
  CHECK_FALSE(ws->nodes[0].online);
}

TEST_CASE("operation history: the latest call decides, failures are kept") {
  std::string history = R"(<node_state id="n1" uname="pm1" in_ccm="true" crmd="online" join="member" expected="member">
    <lrm id="n1"><lrm_resources><lrm_resource id="d" class="ocf" provider="pacemaker" type="Dummy">
      <lrm_rsc_op id="d_last_0" operation="start" call-id="2" rc-code="0" op-status="0" interval="0"/>
      <lrm_rsc_op id="d_monitor_10000" operation="monitor" call-id="3" rc-code="7" op-status="0" interval="10000"/>
    </lrm_resource></lrm_resources></lrm></node_state>)";
  auto ws = unpack(cib(kDummy, "", history));
  REQUIRE(ws.is_ok());
  const Resource& d = ws->resources[*ws->find_resource("d")];
  CHECK(d.running_on == std::vector<int>{0});
  CHECK(d.failed);
}

TEST_CASE("malformed CIBs are errors that name the element") {
  CHECK(error_of("<cib/>").find("<configuration>") != std::string::npos);
  CHECK(error_of(cib(R"(<primitive class="ocf" type="Dummy"/>)")).find("<primitive>") != std::string::npos);
  CHECK(error_of(cib(R"(<primitive id="p" class="ocf" type="Dummy"/>)")).find("provider") != std::string::npos);
  CHECK(error_of(cib(R"(<group id="g"/>)")).find("<group id=\"g\">") != std::string::npos);
  CHECK(error_of(cib(R"(<master id="m"/>)")).find("<master id=\"m\">") != std::string::npos);
  CHECK(error_of(cib(kDummy, R"(<rsc_location id="l" rsc="nope" node="pm1" score="1"/>)"))
            .find("<rsc_location id=\"l\">") != std::string::npos);
  CHECK(error_of(cib(kDummy, R"(<rsc_location id="l" rsc="d" node="pm1" score="lots"/>)"))
            .find("lots") != std::string::npos);
  CHECK(error_of(cib(kDummy, R"(<rsc_colocation id="c" rsc="d" score="INFINITY"/>)"))
            .find("with-rsc") != std::string::npos);
  CHECK(error_of(cib(fmt::format("{}{}", kDummy, kDummy))).find("duplicate") != std::string::npos);
  std::string bad_op = R"(<primitive id="p" class="ocf" provider="x" type="y"><operations>
      <op id="o" name="monitor" interval="ten"/></operations></primitive>)";
  CHECK(error_of(cib(bad_op)).find("<op id=\"o\">") != std::string::npos);
  std::string bad_history = R"(<node_state id="n1" uname="pm1" in_ccm="true" crmd="online" join="member">
    <lrm id="n1"><lrm_resources><lrm_resource id="d">
      <lrm_rsc_op id="x" operation="start" call-id="two" rc-code="0"/>
    </lrm_resource></lrm_resources></lrm></node_state>)";
  CHECK(error_of(cib(kDummy, "", bad_history)).find("<lrm_rsc_op id=\"x\">") != std::string::npos);
  std::string bad_policy = R"(<cib><configuration><crm_config><cluster_property_set id="o">
      <nvpair id="q" name="no-quorum-policy" value="panic"/></cluster_property_set></crm_config>
      <nodes/><resources/></configuration></cib>)";
  CHECK(error_of(bad_policy).find("panic") != std::string::npos);
}

TEST_CASE("a master/slave resource: its limits, who is Master now, what is not supported yet") {
  std::string master = R"(<master id="ms"><meta_attributes id="ms-m">
      <nvpair id="ms-m1" name="master-max" value="2"/><nvpair id="ms-m2" name="master-node-max" value="1"/>
    </meta_attributes><primitive id="s" class="ocf" provider="pacemaker" type="Stateful"><operations>
      <op id="s-mon-m" name="monitor" interval="9s" role="Master"/><op id="s-mon-s" name="monitor" interval="10s" role="Slave"/>
    </operations></primitive></master>)";
  std::string history = R"(<node_state id="n1" uname="pm1" in_ccm="true" crmd="online" join="member" expected="member">
    <lrm id="n1"><lrm_resources><lrm_resource id="s:0" class="ocf" provider="pacemaker" type="Stateful">
      <lrm_rsc_op id="s_last_0" operation="promote" call-id="2" rc-code="0" op-status="0" interval="0"/>
      <lrm_rsc_op id="s_monitor_9000" operation="monitor" call-id="3" rc-code="8" op-status="0" interval="9000"/>
    </lrm_resource></lrm_resources></lrm></node_state>)";
  auto ws = unpack(cib(master, "", history));
  REQUIRE(ws.is_ok());
  const Resource& ms = ws->resources[*ws->find_resource("ms")];
  CHECK(ms.promotable);
  CHECK(ms.master_max == 2);
  const Resource& s0 = ws->resources[*ws->find_resource("s:0")];
  CHECK(s0.master);
  CHECK_FALSE(s0.failed);  // rc 8 from a Master's monitor is success
  CHECK(s0.operations[0].role == "Master");
  std::string both = fmt::format("{}{}", master, kDummy);
  CHECK(error_of(cib(both, R"(<rsc_colocation id="c" rsc="d" rsc-role="Master" with-rsc="ms" score="INFINITY"/>)"))
            .find("rsc-role") != std::string::npos);
  CHECK(error_of(cib(both, R"(<rsc_colocation id="c" rsc="ms" with-rsc="d" with-rsc-role="Master" score="INFINITY"/>)"))
            .find("master/slave") != std::string::npos);
  CHECK(error_of(cib(both, R"(<rsc_order id="o" first="d" first-action="promote" then="ms" score="INFINITY"/>)"))
            .find("first-action") != std::string::npos);
}
