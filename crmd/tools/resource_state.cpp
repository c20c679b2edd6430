// Resource activity from the status section; see resource_state.h.
#include "crmd/tools/resource_state.h"

#include <charconv>

#include <fmt/format.h>

namespace pacer::crmd::tools {
namespace {

int int_attr(XmlNode n, const char* name, int fallback) {
  auto text = n.attribute(name);
  if (!text) return fallback;
  int v = fallback;
  std::from_chars(text->data(), text->data() + text->size(), v);
  return v;
}

bool active_on(XmlNode lrm_resource) {
  int last_call = -1, monitor_call = -1;
  bool active = false, monitor_down = false;
  for (XmlNode op : lrm_resource.children("lrm_rsc_op")) {
    std::string task = op.attribute("operation").value_or("");
    int call = int_attr(op, "call-id", -1), rc = int_attr(op, "rc-code", 0), status = int_attr(op, "op-status", 0);
    if (status == 1 || status == -1) continue;  // cancelled, pending
    if (int_attr(op, "interval", 0) > 0) {
      if (call > monitor_call) {
        monitor_call = call;
        monitor_down = rc == 7;
      }
      continue;
    }
    if (op.attribute("id").value_or("").ends_with("_last_failure_0")) continue;
    if (call <= last_call) continue;
    last_call = call;
    if (task == "stop") active = !(status == 0 && rc == 0);
    else if (task == "monitor") active = rc == 0 || rc == 8 || (rc != 7 && active);
    else active = true;  // start/promote/demote/migrate: running, even when it failed
  }
  if (monitor_down && monitor_call > last_call) return false;
  return active;
}

void list_primitive(XmlNode primitive, const XmlDocument& cib, const std::string& indent, std::string& out) {
  std::string id = primitive.attribute("id").value_or("");
  std::string agent = primitive.attribute("class").value_or("");
  if (auto provider = primitive.attribute("provider")) agent += "::" + *provider;
  agent += ":" + primitive.attribute("type").value_or("");
  auto nodes = active_nodes(cib, id);
  std::string where = nodes.empty() ? "Stopped" : "Started";
  for (const auto& n : nodes) where += " " + n;
  out += fmt::format("{}{}\t({}):\t{}\n", indent, id, agent, where);
}

}  // namespace

std::vector<std::string> active_nodes(const XmlDocument& cib, const std::string& rsc) {
  std::vector<std::string> nodes;
  auto states = cib.select("/cib/status/node_state");
  if (!states) return nodes;
  for (XmlNode state : *states) {
    if (state.attribute("crmd").value_or("offline") != "online" && state.attribute("in_ccm").value_or("") != "true")
      continue;
    auto found = cib.select(fmt::format("/cib/status/node_state[@id='{}']/lrm/lrm_resources/lrm_resource[@id='{}']",
                                        state.attribute("id").value_or(""), rsc));
    if (found && !found->empty() && active_on(found->front()))
      nodes.push_back(state.attribute("uname").value_or(""));
  }
  return nodes;
}

std::string list_resources(const XmlDocument& cib) {
  std::string out;
  auto top = cib.select("/cib/configuration/resources/*");
  if (!top) return out;
  for (XmlNode r : *top) {
    std::string kind(r.name());
    if (kind == "primitive") {
      list_primitive(r, cib, " ", out);
    } else if (kind == "group") {
      out += fmt::format(" Resource Group: {}\n", r.attribute("id").value_or(""));
      for (XmlNode p : r.children("primitive")) list_primitive(p, cib, "     ", out);
    } else if (kind == "clone" || kind == "master") {
      out += fmt::format(" {} Set: {}\n", kind == "clone" ? "Clone" : "Master/Slave", r.attribute("id").value_or(""));
      for (XmlNode child : r.children()) {
        if (child.name() == "primitive") list_primitive(child, cib, "     ", out);
        for (XmlNode p : child.children("primitive")) list_primitive(p, cib, "     ", out);
      }
    }
  }
  return out;
}

}  // namespace pacer::crmd::tools
