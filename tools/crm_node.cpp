// `crm node ...`: list, standby/online (the node's `standby` attribute in the nodes section,
// lifetime forever, as crm 1.0 set it), and node attributes.
#include <ostream>

#include <fmt/format.h>

#include "tools/crm_cib_edit.h"
#include "tools/crm_shell.h"

namespace pacer::tools {
namespace {

int fail(CrmEnvironment& env, const std::string& message) {
  env.err << "ERROR: " << message << "\n";
  return 1;
}

struct NodeTarget {
  XmlDocument cib;
  XmlNode nodes;
  XmlNode node;
};

Result<NodeTarget> find_node(CrmEnvironment& env, const std::string& uname) {
  auto cib = crm_fetch_cib(env);
  if (!cib) return cib.status();
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return Status::error("the CIB has no configuration");
  auto nodes = configuration->first_child("nodes");
  if (!nodes) return Status::error("the CIB has no nodes section");
  for (XmlNode n : nodes->children("node"))
    if (n.attribute("uname") == uname) return NodeTarget{std::move(*cib), *nodes, n};
  return Status::error(fmt::format("node {} does not exist", uname));
}

int set_attribute(CrmEnvironment& env, const std::string& uname, const std::string& name,
                  const std::optional<std::string>& value) {
  auto t = find_node(env, uname);
  if (!t) return fail(env, t.error_message());
  std::string id = t->node.attribute("id").value_or(uname);
  // Targeted (crm_set_element / crm_remove_element): crmd adds nodes to this section as they join.
  if (value) set_nvpair(t->node, "instance_attributes", "nodes-" + id, name, *value);
  for (XmlNode nv : find_nvpairs(t->node, "instance_attributes", name)) {
    Status s = value ? crm_set_element(env, nv) : crm_remove_element(env, nv);
    if (!s) return fail(env, s.message());
  }
  return 0;
}

int list(CrmEnvironment& env) {
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto nodes = cib->select("/cib/configuration/nodes/node");
  if (!nodes) return fail(env, nodes.error_message());
  for (XmlNode n : *nodes) {
    env.out << n.attribute("uname").value_or("") << "(" << n.attribute("id").value_or("")
            << "): " << n.attribute("type").value_or("normal") << "\n";
    for (XmlNode set : n.children("instance_attributes"))
      for (XmlNode nv : set.children("nvpair"))
        env.out << "\t" << nv.attribute("name").value_or("") << ": "
                << nv.attribute("value").value_or("") << "\n";
  }
  return 0;
}

}  // namespace

int crm_node(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.empty() || args[0] == "list" || args[0] == "show") return list(env);
  const std::string& cmd = args[0];
  if (cmd == "standby" || cmd == "online") {
    if (args.size() > 2) return fail(env, fmt::format("usage: node {} [NODE]", cmd));
    std::string uname = args.size() == 2 ? args[1] : env.local_node;
    return set_attribute(env, uname, "standby", std::string(cmd == "standby" ? "on" : "off"));
  }
  if (cmd == "attribute") {
    if (args.size() < 4 || (args[2] == "set" && args.size() != 5))
      return fail(env, "usage: node attribute NODE set|delete|show NAME [VALUE]");
    const std::string& uname = args[1];
    const std::string& op = args[2];
    const std::string& name = args[3];
    if (op == "set") return set_attribute(env, uname, name, args[4]);
    if (op == "delete") return set_attribute(env, uname, name, std::nullopt);
    if (op == "show") {
      auto t = find_node(env, uname);
      if (!t) return fail(env, t.error_message());
      auto value = get_nvpair(t->node, "instance_attributes", name);
      if (!value) return fail(env, fmt::format("attribute {} is not set on {}", name, uname));
      env.out << "scope=nodes  name=" << name << " value=" << *value << "\n";
      return 0;
    }
    return fail(env, "usage: node attribute NODE set|delete|show NAME [VALUE]");
  }
  env.err << "crm: unknown node command '" << cmd << "'\n";
  return 64;
}

}  // namespace pacer::tools
