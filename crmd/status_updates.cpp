// Building the DC's status-section requests; see status_updates.h.
#include "crmd/status_updates.h"

#include <fmt/format.h>

#include "common/xml.h"
#include "crmd/lrm_history.h"
#include "crmd/transition_key.h"

namespace pacer::crmd {
namespace {

constexpr const char* kFeatureSet = "3.0.1";

XmlNode add_node_state(XmlDocument& doc, const std::string& uuid, const std::string& uname,
                       const std::string& origin) {
  XmlNode state = doc.root().append_child("node_state");
  state.set_attribute("id", uuid);
  state.set_attribute("uname", uname);
  state.set_attribute("crm-debug-origin", origin);
  return state;
}

void add_op(XmlNode rsc, const std::string& rsc_id, const proto::crmd::LrmOp& op,
            const std::string& id, const std::string& origin) {
  XmlNode e = rsc.append_child("lrm_rsc_op");
  e.set_attribute("id", id);
  e.set_attribute("operation_key", op_key(rsc_id, op));
  e.set_attribute("operation", op.operation());
  e.set_attribute("crm-debug-origin", origin);
  e.set_attribute("crm_feature_set", kFeatureSet);
  e.set_attribute("transition-key", op.transition_key());
  e.set_attribute("transition-magic", transition_magic(op.op_status(), op.rc(), op.transition_key()));
  e.set_attribute("call-id", std::to_string(op.call_id()));
  e.set_attribute("rc-code", std::to_string(op.rc()));
  e.set_attribute("op-status", std::to_string(op.op_status()));
  e.set_attribute("interval", std::to_string(op.interval_ms()));
  e.set_attribute("last-run", std::to_string(op.run_time()));
  e.set_attribute("last-rc-change", std::to_string(op.rc_change_time()));
  e.set_attribute("exec-time", std::to_string(op.exec_time_ms()));
  e.set_attribute("queue-time", std::to_string(op.queue_time_ms()));
  e.set_attribute("op-digest", op.op_digest());
}

XmlNode add_resource(XmlNode resources, const proto::crmd::LrmResource& r) {
  XmlNode rsc = resources.append_child("lrm_resource");
  rsc.set_attribute("id", r.id());
  rsc.set_attribute("type", r.type());
  rsc.set_attribute("class", r.rclass());
  if (!r.provider().empty()) rsc.set_attribute("provider", r.provider());
  return rsc;
}

int target_rc_of(const proto::crmd::LrmOp& op) {
  if (auto key = parse_transition_key(op.transition_key())) return key->target_rc;
  return expected_rc(op.operation(), static_cast<long long>(op.interval_ms()), std::nullopt);
}

cib::CibRequest status_modify(const XmlDocument& doc) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.section = "status";
  request.data = doc.serialize();
  return request;
}

}  // namespace

cib::CibRequest node_state_update(const NodeStateFields& f) {
  XmlDocument doc = XmlDocument::with_root("status");
  XmlNode state = add_node_state(doc, f.uuid, f.uname, f.origin);
  state.set_attribute("ha", f.member ? "active" : "dead");
  state.set_attribute("in_ccm", f.member ? "true" : "false");
  state.set_attribute("crmd", f.crmd_online ? "online" : "offline");
  state.set_attribute("join", f.join);
  state.set_attribute("expected", f.expected);
  return status_modify(doc);
}

std::string lrm_op_id(const std::string& rsc_id, const proto::crmd::LrmOp& op) {
  if (op.interval_ms() > 0) return op_key(rsc_id, op);
  return rsc_id + "_last_0";
}

bool op_failed(const proto::crmd::LrmOp& op, int target_rc) {
  if (op.op_status() == 1) return false;  // cancelled: not an outcome
  return op.op_status() != 0 || op.rc() != target_rc;
}

cib::CibRequest lrm_history_update(const std::string& uuid, const std::string& uname,
                                   const std::vector<proto::crmd::LrmResource>& history,
                                   const std::string& origin) {
  XmlDocument doc = XmlDocument::with_root("status");
  XmlNode state = add_node_state(doc, uuid, uname, origin);
  XmlNode lrm = state.append_child("lrm");
  lrm.set_attribute("id", uuid);
  XmlNode resources = lrm.append_child("lrm_resources");
  for (const auto& r : history) {
    XmlNode rsc = add_resource(resources, r);
    // lrmd keeps the last result per operation key; one-shot ones share <rsc>_last_0, so only the
    // latest (highest call id) of them is written, and the latest failure beside it.
    const proto::crmd::LrmOp* last = nullptr;
    const proto::crmd::LrmOp* last_failure = nullptr;
    for (const auto& op : r.ops()) {
      if (op.interval_ms() > 0) {
        if (op.op_status() != 1) add_op(rsc, r.id(), op, lrm_op_id(r.id(), op), origin);
      } else if (!last || op.call_id() > last->call_id()) {
        last = &op;
      }
      if (op_failed(op, target_rc_of(op)) && (!last_failure || op.call_id() > last_failure->call_id()))
        last_failure = &op;
    }
    if (last) add_op(rsc, r.id(), *last, r.id() + "_last_0", origin);
    if (last_failure) add_op(rsc, r.id(), *last_failure, r.id() + "_last_failure_0", origin);
  }
  return status_modify(doc);
}

cib::CibRequest lrm_result_update(const std::string& uuid, const std::string& uname,
                                  const proto::crmd::LrmResource& result, const std::string& origin) {
  XmlDocument doc = XmlDocument::with_root("status");
  XmlNode state = add_node_state(doc, uuid, uname, origin);
  XmlNode lrm = state.append_child("lrm");
  lrm.set_attribute("id", uuid);
  XmlNode rsc = add_resource(lrm.append_child("lrm_resources"), result);
  for (const auto& op : result.ops()) {
    add_op(rsc, result.id(), op, lrm_op_id(result.id(), op), origin);
    if (op_failed(op, target_rc_of(op))) add_op(rsc, result.id(), op, result.id() + "_last_failure_0", origin);
  }
  return status_modify(doc);
}

std::map<std::string, std::string> node_ids(const XmlDocument& cib) {
  std::map<std::string, std::string> ids;
  for (const char* xpath : {"/cib/configuration/nodes/node", "/cib/status/node_state"}) {
    auto found = cib.select(xpath);
    if (!found) continue;
    for (XmlNode n : *found) {
      auto id = n.attribute("id"), uname = n.attribute("uname");
      if (id && uname) ids.try_emplace(*uname, *id);
    }
  }
  return ids;
}

cib::CibRequest lrm_op_delete(const std::string& uuid, const std::string& rsc_id, const std::string& op_id) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::remove;
  request.xpath = fmt::format("//node_state[@id='{}']//lrm_resource[@id='{}']/lrm_rsc_op[@id='{}']",
                              uuid, rsc_id, op_id);
  return request;
}

cib::CibRequest erase_node_section(const std::string& uuid, const std::string& tag) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::remove;
  request.xpath = fmt::format("//node_state[@id='{}']/{}", uuid, tag);
  request.multiple = true;
  return request;
}

cib::CibRequest transient_attribute_update(const std::string& uuid, const std::string& name,
                                           const std::string& value) {
  XmlDocument doc = XmlDocument::with_root("status");
  XmlNode state = doc.root().append_child("node_state");
  state.set_attribute("id", uuid);
  XmlNode transient = state.append_child("transient_attributes");
  transient.set_attribute("id", uuid);
  XmlNode set = transient.append_child("instance_attributes");
  set.set_attribute("id", "status-" + uuid);
  XmlNode nvpair = set.append_child("nvpair");
  nvpair.set_attribute("id", fmt::format("status-{}-{}", uuid, name));
  nvpair.set_attribute("name", name);
  nvpair.set_attribute("value", value);
  return status_modify(doc);
}

cib::CibRequest node_entry_update(const std::string& uuid, const std::string& uname) {
  XmlDocument doc = XmlDocument::with_root("nodes");
  XmlNode node = doc.root().append_child("node");
  node.set_attribute("id", uuid);
  node.set_attribute("uname", uname);
  node.set_attribute("type", "normal");
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.section = "nodes";
  request.can_create = true;
  request.data = doc.serialize();
  return request;
}

cib::CibRequest cib_root_update(const std::string& dc_uuid, bool have_quorum) {
  XmlDocument doc = XmlDocument::with_root("cib");
  doc.root().set_attribute("dc-uuid", dc_uuid);
  doc.root().set_attribute("have-quorum", have_quorum ? "1" : "0");
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.xpath = "/cib";
  request.data = doc.serialize();
  return request;
}

cib::CibRequest dc_properties_update(const std::string& dc_version) {
  XmlDocument doc = XmlDocument::with_root("crm_config");
  XmlNode set = doc.root().append_child("cluster_property_set");
  set.set_attribute("id", "cib-bootstrap-options");
  auto nvpair = [&](const char* name, const std::string& value) {
    XmlNode n = set.append_child("nvpair");
    n.set_attribute("id", std::string("cib-bootstrap-options-") + name);
    n.set_attribute("name", name);
    n.set_attribute("value", value);
  };
  nvpair("dc-version", dc_version);
  nvpair("cluster-infrastructure", "Heartbeat");
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.section = "crm_config";
  request.data = doc.serialize();
  return request;
}

}  // namespace pacer::crmd
