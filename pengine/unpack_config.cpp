// Unpacking the cluster options (crm_config, rsc_defaults, op_defaults) and the node list.
#include <algorithm>

#include "pengine/nvpairs.h"
#include "pengine/unpack.h"

namespace pacer::pengine {

Result<WorkingSet> unpack_cib(const XmlDocument& cib, std::int64_t now) {
  XmlNode root = cib.root();
  if (root.get() == nullptr || root.name() != "cib")
    return Status::error("the document's root element is not <cib>");
  auto configuration = root.first_child("configuration");
  if (!configuration) return Status::error(describe(root) + ": no <configuration>");
  WorkingSet ws;
  ws.options.now = now;
  Status status = unpack_cluster_options(root, *configuration, ws);
  if (status) status = unpack_nodes(*configuration, ws);
  if (status) status = unpack_resources(*configuration, ws);
  if (status) status = unpack_constraints(*configuration, ws);
  if (auto state = root.first_child("status")) {
    if (status) status = unpack_node_states(*state, ws);
    if (status) status = unpack_history(*state, ws);
  }
  if (!status) return status.with_context("unpacking the CIB");
  return ws;
}

Status unpack_cluster_options(XmlNode cib, XmlNode configuration, WorkingSet& ws) {
  ClusterOptions& o = ws.options;
  o.have_quorum = is_true(cib.attribute("have-quorum").value_or("false"));
  o.dc_uuid = cib.attribute("dc-uuid").value_or("");
  if (auto version = cib.attribute("crm_feature_set"))
    o.legacy_fail_counts = compare_versions(*version, "3.0.13") < 0;
  Attributes options;
  if (auto crm_config = configuration.first_child("crm_config")) {
    Status s = read_nvpair_sets(*crm_config, "cluster_property_set", options);
    if (!s) return s;
  }
  o.raw = options;
  auto get = [&](std::string_view name) -> std::optional<std::string> {
    auto found = options.find(name);
    if (found == options.end()) return std::nullopt;
    return found->second;
  };
  if (auto v = get("stonith-enabled")) o.stonith_enabled = is_true(*v);
  if (auto v = get("stonith-action")) o.stonith_action = *v == "poweroff" ? "off" : *v;
  if (auto v = get("symmetric-cluster")) o.symmetric_cluster = is_true(*v);
  if (auto v = get("start-failure-is-fatal")) o.start_failure_is_fatal = is_true(*v);
  if (auto v = get("no-quorum-policy")) {
    if (*v == "ignore") o.no_quorum_policy = NoQuorumPolicy::kIgnore;
    else if (*v == "freeze") o.no_quorum_policy = NoQuorumPolicy::kFreeze;
    else if (*v == "suicide") o.no_quorum_policy = NoQuorumPolicy::kSuicide;
    else if (*v == "stop") o.no_quorum_policy = NoQuorumPolicy::kStop;
    else return Status::error("crm_config: no-quorum-policy '" + *v + "' is not one of "
                              "stop, ignore, freeze, suicide");
  }
  // Pacemaker 1.0 also let stickiness be a cluster option; rsc_defaults overrides it.
  if (auto v = get("default-resource-stickiness")) ws.rsc_defaults.emplace("resource-stickiness", *v);
  if (auto defaults = configuration.first_child("rsc_defaults")) {
    Attributes own;
    Status s = read_nvpair_sets(*defaults, "meta_attributes", own);
    if (!s) return s;
    for (auto& [k, v] : own) ws.rsc_defaults[k] = v;
  }
  if (auto defaults = configuration.first_child("op_defaults")) {
    Status s = read_nvpair_sets(*defaults, "meta_attributes", ws.op_defaults);
    if (!s) return s;
  }
  return Status::ok();
}

Status unpack_nodes(XmlNode configuration, WorkingSet& ws) {
  auto nodes = configuration.first_child("nodes");
  if (!nodes) return Status::error(describe(configuration) + ": no <nodes>");
  for (XmlNode element : nodes->children("node")) {
    Node node;
    auto id = element.attribute("id");
    auto uname = element.attribute("uname");
    if (!id || !uname) return Status::error(describe(element) + ": a node needs id and uname");
    if (ws.find_node(*uname)) return Status::error(describe(element) + ": duplicate uname " + *uname);
    node.id = *id;
    node.uname = *uname;
    Status s = read_nvpair_sets(element, "instance_attributes", node.attributes);
    if (!s) return s;
    node.attributes["#uname"] = node.uname;
    node.attributes["#id"] = node.id;
    node.attributes["#kind"] = "cluster";
    if (auto standby = node.attributes.find("standby"); standby != node.attributes.end())
      node.standby = is_true(standby->second);
    ws.nodes.push_back(std::move(node));
  }
  return Status::ok();
}

}  // namespace pacer::pengine
