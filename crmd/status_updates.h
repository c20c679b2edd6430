// The CIB requests the DC makes on the status section and the cluster properties: node_state of
// each node, the lrm history rebuilt from a node's lrmd (join) or one new result, erasing a node's
// lrm / transient_attributes, and dc-uuid / have-quorum / dc-version / cluster-infrastructure.
// Pure: XML text in CibRequests; the controller sends them through its CibPort.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cibd/cib_request.h"
#include "common/xml.h"
#include "crmd.pb.h"

namespace pacer::crmd {

struct NodeStateFields {
  std::string uuid;
  std::string uname;
  bool member = false;        // in_ccm; ha="active"|"dead"
  bool crmd_online = false;   // crmd="online"|"offline"
  std::string join;           // "member", "down", "pending"
  std::string expected;       // "member", "down"
  std::string origin;         // crm-debug-origin: which code wrote it
};

cib::CibRequest node_state_update(const NodeStateFields& fields);

// The node's whole history as lrm_resource / lrm_rsc_op elements (merged by id).
cib::CibRequest lrm_history_update(const std::string& uuid, const std::string& uname,
                                   const std::vector<proto::crmd::LrmResource>& history,
                                   const std::string& origin);

// One result. A failure is recorded twice, as 2.x's status does: under its own id and as
// <rsc>_last_failure_0.
cib::CibRequest lrm_result_update(const std::string& uuid, const std::string& uname,
                                  const proto::crmd::LrmResource& result, const std::string& origin);

// Removes a recurring operation's entry (it was cancelled).
cib::CibRequest lrm_op_delete(const std::string& uuid, const std::string& rsc_id,
                              const std::string& op_id);

// Erases //node_state[@id]/<tag> ("lrm" or "transient_attributes").
cib::CibRequest erase_node_section(const std::string& uuid, const std::string& tag);

// A transient attribute (status-<uuid>-<name> in the node's transient_attributes), value++
// expanded by the CIB.
cib::CibRequest transient_attribute_update(const std::string& uuid, const std::string& name,
                                           const std::string& value);

// Adds <node id uname type="normal"/> to the nodes section, as 1.0's DC did for every node of the
// Heartbeat membership (the policy engine knows only configured nodes).
cib::CibRequest node_entry_update(const std::string& uuid, const std::string& uname);

// Attributes of the <cib> element: dc-uuid and have-quorum.
cib::CibRequest cib_root_update(const std::string& dc_uuid, bool have_quorum);

// cib-bootstrap-options: dc-version and cluster-infrastructure ("Heartbeat").
cib::CibRequest dc_properties_update(const std::string& dc_version);

// The lrm_rsc_op id of a result: "<rsc>_last_0" for one-shot operations, the operation key for
// recurring ones.
std::string lrm_op_id(const std::string& rsc_id, const proto::crmd::LrmOp& op);

// uname -> node id, from <nodes> and <node_state> (the configuration wins).
std::map<std::string, std::string> node_ids(const XmlDocument& cib);

// Whether an operation's outcome is a failure (op status not done, or rc not the expected one).
bool op_failed(const proto::crmd::LrmOp& op, int target_rc);

}  // namespace pacer::crmd
