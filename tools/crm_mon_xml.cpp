// crm_mon's XML output, built with the same XmlDocument the CIB uses so escaping is libxml2's.
#include "tools/crm_mon_xml.h"

#include "tools/crm_mon_text.h"

namespace pacer::tools {
namespace {

const char* yes(bool b) { return b ? "true" : "false"; }

void add_resource(XmlNode parent, const ResourceView& r) {
  switch (r.kind) {
    case ResourceKind::primitive: {
      XmlNode e = parent.append_child("resource");
      e.set_attribute("id", r.id);
      e.set_attribute("agent", r.agent());
      e.set_attribute("role", r.role);
      e.set_attribute("failed", yes(r.failed));
      e.set_attribute("managed", yes(r.managed));
      e.set_attribute("orphaned", yes(r.orphan));
      for (auto& n : r.nodes) e.append_child("node").set_attribute("name", n);
      break;
    }
    case ResourceKind::group: {
      XmlNode e = parent.append_child("group");
      e.set_attribute("id", r.id);
      for (auto& c : r.children) add_resource(e, c);
      break;
    }
    case ResourceKind::clone:
    case ResourceKind::master: {
      XmlNode e = parent.append_child("clone");
      e.set_attribute("id", r.id);
      e.set_attribute("multi_state", yes(r.kind == ResourceKind::master));
      e.set_attribute("unique", yes(r.unique));
      e.set_attribute("managed", yes(r.managed));
      for (auto& c : r.children) add_resource(e, c);
      break;
    }
  }
}

}  // namespace

std::string format_monitor_xml(const ClusterView& view, const std::string& last_updated) {
  XmlDocument doc = XmlDocument::with_root("crm_mon");
  XmlNode root = doc.root();
  root.set_attribute("version", kMonitorXmlVersion);
  XmlNode summary = root.append_child("summary");
  summary.set_attribute("last_updated", last_updated);
  if (view.stack) summary.set_attribute("stack", *view.stack);
  summary.set_attribute("nodes_configured", std::to_string(view.nodes.size()));
  summary.set_attribute("expected_votes", view.expected_votes.value_or("unknown"));
  summary.set_attribute("resources_configured", std::to_string(view.configured_count()));
  XmlNode dc = summary.append_child("current_dc");
  dc.set_attribute("present", yes(view.dc_uname.has_value()));
  if (view.dc_uname) {
    dc.set_attribute("name", *view.dc_uname);
    if (view.dc_id) dc.set_attribute("id", *view.dc_id);
    if (view.dc_version) dc.set_attribute("version", *view.dc_version);
    dc.set_attribute("with_quorum", yes(view.have_quorum));
  }

  XmlNode nodes = root.append_child("nodes");
  for (const NodeView& n : view.nodes) {
    XmlNode e = nodes.append_child("node");
    e.set_attribute("name", n.uname);
    e.set_attribute("id", n.id);
    e.set_attribute("online", yes(n.online));
    e.set_attribute("standby", yes(n.standby));
    e.set_attribute("standby_onfail", yes(n.standby_onfail));
    e.set_attribute("pending", yes(n.pending));
    e.set_attribute("unclean", yes(n.unclean));
    e.set_attribute("is_dc", yes(view.dc_id && *view.dc_id == n.id));
  }

  XmlNode resources = root.append_child("resources");
  for (const ResourceView& r : view.resources) add_resource(resources, r);

  XmlNode attributes = root.append_child("node_attributes");
  for (const NodeView& n : view.nodes) {
    if (!n.online) continue;
    XmlNode e = attributes.append_child("node");
    e.set_attribute("name", n.uname);
    for (auto& [name, value] : n.attributes) {
      if (is_hidden_attribute(name)) continue;
      XmlNode a = e.append_child("attribute");
      a.set_attribute("name", name);
      a.set_attribute("value", value);
      std::string note = connectivity_note(view, n, name, value);
      if (!note.empty()) a.set_attribute("note", note.substr(3));  // drop "\t: "
    }
  }

  XmlNode migration = root.append_child("migration_summary");
  for (const std::string& uname : view.status_order) {
    const NodeView* n = view.find_node(uname);
    if (!n || !n->online) continue;
    XmlNode e = migration.append_child("node");
    e.set_attribute("name", uname);
    for (const FailCountView& f : view.fail_counts(*n)) {
      XmlNode r = e.append_child("resource");
      r.set_attribute("id", f.rsc);
      r.set_attribute("fail_count", std::to_string(f.count));
      if (f.last_failure) r.set_attribute("last_failure", std::to_string(*f.last_failure));
    }
  }

  XmlNode failures = root.append_child("failed_actions");
  for (const OpRecord& op : view.failed_ops) {
    XmlNode e = failures.append_child("failure");
    e.set_attribute("op_key", op.key());
    e.set_attribute("node", op.node);
    e.set_attribute("call", std::to_string(op.call_id));
    e.set_attribute("rc", std::to_string(op.rc));
    e.set_attribute("rc_text", rc_text(op.rc));
    e.set_attribute("status", std::to_string(op.op_status));
    e.set_attribute("status_text", op_status_text(op.op_status));
  }
  return doc.serialize(true);
}

}  // namespace pacer::tools
