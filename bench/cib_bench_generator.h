// A large CIB for the cibd benchmark: N nodes x M resources, with each node's status holding the
// history of every resource (a probe and a monitor each) and transient attributes, as a cluster
// that has run for a while has it.
#pragma once

#include <string>

#include <fmt/format.h>

namespace pacer::bench {

inline std::string node_uuid(int n) { return fmt::format("00000000-0000-4000-8000-{:012d}", n); }

inline std::string make_large_cib(int nodes, int resources) {
  std::string out;
  out.reserve(static_cast<std::size_t>(nodes) * resources * 1100);
  out += "<cib validate-with=\"pacemaker-1.0\" admin_epoch=\"0\" epoch=\"100\" num_updates=\"0\" "
         "have-quorum=\"1\" dc-uuid=\"" + node_uuid(1) + "\">\n  <configuration>\n    <crm_config>\n"
         "      <cluster_property_set id=\"cib-bootstrap-options\">\n"
         "        <nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>\n"
         "        <nvpair id=\"opt-quorum\" name=\"no-quorum-policy\" value=\"ignore\"/>\n"
         "      </cluster_property_set>\n    </crm_config>\n    <nodes>\n";
  for (int n = 1; n <= nodes; ++n)
    out += fmt::format("      <node id=\"{}\" uname=\"pm{}\" type=\"normal\"/>\n", node_uuid(n), n);
  out += "    </nodes>\n    <resources>\n";
  for (int r = 0; r < resources; ++r)
    out += fmt::format(
        "      <primitive id=\"rsc{0}\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\n"
        "        <instance_attributes id=\"rsc{0}-ia\">\n"
        "          <nvpair id=\"rsc{0}-ia-state\" name=\"state\" value=\"/var/run/rsc{0}.state\"/>\n"
        "        </instance_attributes>\n        <operations>\n"
        "          <op id=\"rsc{0}-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>\n"
        "          <op id=\"rsc{0}-monitor\" name=\"monitor\" interval=\"10s\" timeout=\"60s\" on-fail=\"restart\"/>\n"
        "          <op id=\"rsc{0}-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\" on-fail=\"block\"/>\n"
        "        </operations>\n      </primitive>\n", r);
  out += "    </resources>\n    <constraints>\n";
  for (int r = 0; r < resources; ++r)
    out += fmt::format("      <rsc_location id=\"loc-rsc{0}\" rsc=\"rsc{0}\" node=\"pm{1}\" score=\"100\"/>\n",
                       r, r % nodes + 1);
  out += "    </constraints>\n  </configuration>\n  <status>\n";
  for (int n = 1; n <= nodes; ++n) {
    std::string id = node_uuid(n);
    out += fmt::format("    <node_state id=\"{0}\" uname=\"pm{1}\" ha=\"active\" in_ccm=\"true\" crmd=\"online\" "
                       "join=\"member\" expected=\"member\" crm-debug-origin=\"do_update_resource\" shutdown=\"0\">\n"
                       "      <transient_attributes id=\"{0}\">\n        <instance_attributes id=\"status-{0}\">\n"
                       "          <nvpair id=\"status-{0}-probe_complete\" name=\"probe_complete\" value=\"true\"/>\n"
                       "          <nvpair id=\"status-{0}-pingd\" name=\"default_ping_set\" value=\"100\"/>\n"
                       "        </instance_attributes>\n      </transient_attributes>\n"
                       "      <lrm id=\"{0}\">\n        <lrm_resources>\n", id, n);
    for (int r = 0; r < resources; ++r) {
      bool here = r % nodes + 1 == n;
      out += fmt::format(
          "          <lrm_resource id=\"rsc{0}\" type=\"Dummy\" class=\"ocf\" provider=\"heartbeat\">\n"
          "            <lrm_rsc_op id=\"rsc{0}_monitor_0\" operation=\"monitor\" crm-debug-origin=\"build_active_RAs\" "
          "crm_feature_set=\"3.0.1\" transition-key=\"{1}:1:7:6f5e4a3b-0000-4000-8000-00000000{2:04d}\" "
          "transition-magic=\"0:7;{1}:1:7:6f5e4a3b-0000-4000-8000-00000000{2:04d}\" call-id=\"{1}\" rc-code=\"7\" "
          "op-status=\"0\" interval=\"0\" last-run=\"1310374414\" last-rc-change=\"1310374414\" exec-time=\"20\" "
          "queue-time=\"0\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>\n",
          r, r + 2, n);
      if (here)
        out += fmt::format(
            "            <lrm_rsc_op id=\"rsc{0}_monitor_10000\" operation=\"monitor\" crm-debug-origin=\"do_update_resource\" "
            "crm_feature_set=\"3.0.1\" transition-key=\"{1}:2:0:6f5e4a3b-0000-4000-8000-00000000{2:04d}\" "
            "transition-magic=\"0:0;{1}:2:0:6f5e4a3b-0000-4000-8000-00000000{2:04d}\" call-id=\"{1}\" rc-code=\"0\" "
            "op-status=\"0\" interval=\"10000\" last-run=\"1310374420\" last-rc-change=\"1310374420\" exec-time=\"10\" "
            "queue-time=\"0\" op-digest=\"873ed4f07792aa8ff18f3254244675ea\"/>\n",
            r, r + 1000 + 2, n);
      out += "          </lrm_resource>\n";
    }
    out += "        </lrm_resources>\n      </lrm>\n    </node_state>\n";
  }
  out += "  </status>\n</cib>\n";
  return out;
}

}  // namespace pacer::bench
