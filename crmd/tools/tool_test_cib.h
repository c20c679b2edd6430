// A CIB file for the tool tests (two nodes, a Dummy running on pm1 with a fail-count on pm1) and a
// context that runs a tool against it through cibd's CIB_file mode.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cibd/cib_client.h"
#include "crmd/tools/attribute_tool.h"

namespace pacer::crmd::tools::testing {

inline const char* kToolCib = R"(<cib validate-with="pacemaker-1.0" admin_epoch="0" epoch="3" num_updates="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="o-se" name="stonith-enabled" value="false"/>
    </cluster_property_set></crm_config>
    <nodes>
      <node id="uuid-pm1" uname="pm1" type="normal"/>
      <node id="uuid-pm2" uname="pm2" type="normal"/>
    </nodes>
    <resources>
      <primitive id="prmDummy" class="ocf" provider="heartbeat" type="Dummy">
        <instance_attributes id="prmDummy-instance_attributes">
          <nvpair id="prmDummy-instance_attributes-state" name="state" value="/var/run/dummy.state"/>
        </instance_attributes>
      </primitive>
    </resources>
    <constraints/>
  </configuration>
  <status>
    <node_state id="uuid-pm1" uname="pm1" ha="active" in_ccm="true" crmd="online" join="member" expected="member">
      <transient_attributes id="uuid-pm1"><instance_attributes id="status-uuid-pm1">
        <nvpair id="status-uuid-pm1-fail-count-prmDummy" name="fail-count-prmDummy" value="1"/>
      </instance_attributes></transient_attributes>
      <lrm id="uuid-pm1"><lrm_resources>
        <lrm_resource id="prmDummy" class="ocf" provider="heartbeat" type="Dummy">
          <lrm_rsc_op id="prmDummy_last_0" operation="start" call-id="3" rc-code="0" op-status="0" interval="0"/>
        </lrm_resource>
      </lrm_resources></lrm>
    </node_state>
    <node_state id="uuid-pm2" uname="pm2" ha="active" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status>
</cib>)";

class ToolFixture {
 public:
  ToolFixture() : path_(std::filesystem::temp_directory_path() / ("crmd-tools-" + std::to_string(::getpid()) + ".xml")) {
    std::ofstream(path_) << kToolCib;
    loop_ = ipc::EventLoop::create(clock_).value();
    cib::CibClientOptions options;
    options.file = path_.string();
    cib_ = cib::connect_cib(*loop_, options).value();
  }
  ~ToolFixture() { std::filesystem::remove(path_); }

  template <typename Run>
  int run(Run tool, std::vector<std::string> args) {
    out.str("");
    err.str("");
    ToolContext context{*cib_, "pm1", [](const std::string&) { return std::optional<std::string>(); }, out, err,
                        fail_resource, delete_attribute};
    return tool(args, context);
  }
  std::string cib_text() {
    std::ifstream in(path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::ostringstream out, err;
  std::function<Status(const std::string& rsc, const std::string& node)> fail_resource;
  std::function<Status(const std::string& name, const std::string& node)> delete_attribute;

 private:
  RealClock clock_;
  std::filesystem::path path_;
  std::unique_ptr<ipc::EventLoop> loop_;
  std::unique_ptr<cib::CibClient> cib_;
};

}  // namespace pacer::crmd::tools::testing
