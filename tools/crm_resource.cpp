// `crm resource ...`: target-role, move constraints, cleanup, where resources run, fail counts.
// Status changes (cleanup, fail counts) are targeted: each removed or set element is one CIB
// request (crm_set_element / crm_remove_element), so crmd's and attrd's own status updates made
// meanwhile are kept. Cleanup removes what crm_resource -C removes.
#include <ostream>

#include <fmt/format.h>

#include "cibd/cib_errors.h"
#include "tools/cluster_view.h"
#include "tools/crm_cib_edit.h"
#include "tools/crm_mon_text.h"
#include "tools/crm_shell.h"

namespace pacer::tools {
namespace {

int fail(CrmEnvironment& env, const std::string& message) {
  env.err << "ERROR: " << message << "\n";
  return 1;
}

struct Loaded {
  XmlDocument cib;
  XmlNode configuration;
};

Result<Loaded> load(CrmEnvironment& env) {
  auto cib = crm_fetch_cib(env);
  if (!cib) return cib.status();
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return Status::error("the CIB has no configuration");
  XmlNode c = *configuration;
  return Loaded{std::move(*cib), c};
}

std::optional<XmlNode> find_resource(XmlNode configuration, const std::string& id) {
  auto resources = configuration.first_child("resources");
  if (!resources) return std::nullopt;
  auto e = find_id(*resources, id);
  if (!e) return std::nullopt;
  std::string_view n = e->name();
  if (n != "primitive" && n != "group" && n != "clone" && n != "master") return std::nullopt;
  return e;
}

// Nodes where any primitive of `id` (or its instances) is active.
std::vector<std::string> running_on(const ClusterView& view, const std::string& id) {
  std::vector<std::string> out;
  auto add = [&out](const ResourceView& p) {
    for (auto& n : p.nodes)
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  std::function<void(const ResourceView&, bool)> walk = [&](const ResourceView& r, bool inside) {
    bool match = inside || r.id == id || r.id.starts_with(id + ":");
    if (r.kind == ResourceKind::primitive && match) add(r);
    for (auto& c : r.children) walk(c, match);
  };
  for (auto& r : view.resources) walk(r, false);
  return out;
}

int target_role(const std::string& id, const char* role, CrmEnvironment& env) {
  auto l = load(env);
  if (!l) return fail(env, l.error_message());
  auto rsc = find_resource(l->configuration, id);
  if (!rsc) return fail(env, fmt::format("resource {} does not exist", id));
  set_nvpair(*rsc, "meta_attributes", id + "-meta_attributes", "target-role", role);
  Status s = crm_write_section(env, l->configuration);
  return s ? 0 : fail(env, s.message());
}

int move(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.empty() || args.size() > 2) return fail(env, "usage: resource move RSC [NODE]");
  const std::string& id = args[0];
  auto l = load(env);
  if (!l) return fail(env, l.error_message());
  if (!find_resource(l->configuration, id)) return fail(env, fmt::format("resource {} does not exist", id));
  auto view = build_cluster_view(l->cib);
  if (!view) return fail(env, view.error_message());
  std::string node, constraint, score;
  if (args.size() == 2) {
    node = args[1];
    if (!view->find_node(node)) return fail(env, fmt::format("node {} does not exist", node));
    constraint = "cli-prefer-" + id;
    score = "INFINITY";
  } else {
    auto where = running_on(*view, id);
    if (where.empty()) return fail(env, fmt::format("resource {} is not running; name a node", id));
    if (where.size() > 1) return fail(env, fmt::format("resource {} runs on several nodes; name one", id));
    node = where.front();
    constraint = "cli-standby-" + id;
    score = "-INFINITY";
    env.out << "WARNING: Creating rsc_location constraint '" << constraint
            << "' with a score of -INFINITY for resource " << id << " on " << node << ".\n"
            << "\tThis will prevent " << id << " from running on " << node
            << " until the constraint is removed using the 'crm resource unmove' command\n";
  }
  XmlNode constraints = *l->configuration.first_child("constraints");
  for (const std::string& old : {"cli-prefer-" + id, "cli-standby-" + id})
    if (auto e = find_id(constraints, old)) e->remove();
  XmlNode location = constraints.append_child("rsc_location");
  location.set_attribute("id", constraint);
  location.set_attribute("rsc", id);
  XmlNode rule = location.append_child("rule");
  rule.set_attribute("id", constraint + "-rule");
  rule.set_attribute("score", score);
  XmlNode expression = rule.append_child("expression");
  expression.set_attribute("id", constraint + "-expression");
  expression.set_attribute("attribute", "#uname");
  expression.set_attribute("operation", "eq");
  expression.set_attribute("value", node);
  Status s = crm_write_section(env, l->configuration);
  return s ? 0 : fail(env, s.message());
}

int unmove(const std::string& id, CrmEnvironment& env) {
  auto l = load(env);
  if (!l) return fail(env, l.error_message());
  XmlNode constraints = *l->configuration.first_child("constraints");
  bool found = false;
  for (const std::string& old : {"cli-prefer-" + id, "cli-standby-" + id})
    if (auto e = find_id(constraints, old)) {
      e->remove();
      found = true;
    }
  if (!found) return 0;  // nothing to undo is not an error, as in crm_resource -U
  Status s = crm_write_section(env, l->configuration);
  return s ? 0 : fail(env, s.message());
}

bool names(const std::string& lrm_id, const std::string& id) {
  return lrm_id == id || lrm_id.starts_with(id + ":");
}

int cleanup(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.empty() || args.size() > 2) return fail(env, "usage: resource cleanup RSC [NODE]");
  auto l = load(env);
  if (!l) return fail(env, l.error_message());
  auto rsc = find_resource(l->configuration, args[0]);
  if (!rsc) return fail(env, fmt::format("resource {} does not exist", args[0]));
  // Every primitive under the named resource.
  std::vector<std::string> prims;
  std::function<void(XmlNode)> walk = [&](XmlNode e) {
    if (e.name() == "primitive") prims.push_back(e.attribute("id").value_or(""));
    for (XmlNode c : e.children()) walk(c);
  };
  walk(*rsc);
  auto status = l->cib.root().first_child("status");
  if (!status) return 0;
  std::vector<XmlNode> doomed;
  for (XmlNode state : status->children("node_state")) {
    if (args.size() == 2 && state.attribute("uname") != args[1]) continue;
    if (auto lrm = state.first_child("lrm"))
      if (auto lrm_resources = lrm->first_child("lrm_resources"))
        for (XmlNode r : lrm_resources->children("lrm_resource"))
          for (auto& p : prims)
            if (names(r.attribute("id").value_or(""), p)) {
              doomed.push_back(r);
              break;
            }
    std::string uname = state.attribute("uname").value_or("");
    if (auto transient = state.first_child("transient_attributes"))
      for (XmlNode set : transient->children("instance_attributes"))
        for (XmlNode nv : set.children("nvpair")) {
          std::string name = nv.attribute("name").value_or("");
          for (auto& p : prims)
            if (names(name, "fail-count-" + p) || names(name, "last-failure-" + p)) {
              // attrd too: the node's attrd holds the value and would write it back at the
              // next join.
              if (env.delete_attribute)
                if (Status s = env.delete_attribute(name, uname); !s)
                  env.err << fmt::format("warning: attrd did not forget {} on {}: {}\n", name, uname, s.message());
              doomed.push_back(nv);
              break;
            }
        }
    env.out << "Cleaning up " << args[0] << " on " << state.attribute("uname").value_or("") << "\n";
  }
  // attrd may have removed a fail-count from the CIB already: gone is what was asked for.
  for (XmlNode e : doomed)
    if (Status s = crm_remove_element(env, e); !s && cib::cib_error_kind(s) != cib::CibErrorKind::no_such_object)
      return fail(env, s.message());
  return 0;
}

int where(const std::vector<std::string>& args, CrmEnvironment& env, bool list) {
  auto l = load(env);
  if (!l) return fail(env, l.error_message());
  auto view = build_cluster_view(l->cib);
  if (!view) return fail(env, view.error_message());
  if (list || args.empty()) {
    // The resource part of crm_mon -r.
    MonitorDisplay display;
    display.inactive = true;
    std::string text = format_monitor_text(*view, display);
    auto start = text.find("\nFull list of resources:\n\n");
    if (start != std::string::npos) text = text.substr(start + 26);
    auto end = text.find("\n\n");
    env.out << (end == std::string::npos ? text : text.substr(0, end + 1));
    return 0;
  }
  for (const std::string& id : args) {
    if (!find_resource(l->configuration, id)) return fail(env, fmt::format("resource {} does not exist", id));
    auto nodes = running_on(*view, id);
    if (nodes.empty()) {
      env.out << "resource " << id << " is NOT running\n";
      continue;
    }
    env.out << "resource " << id << " is running on:";
    for (auto& n : nodes) env.out << " " << n;
    env.out << "\n";
  }
  return 0;
}

int failcount(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.size() < 3 || (args[1] != "set" && args[1] != "delete" && args[1] != "show") ||
      (args[1] == "set" && args.size() != 4))
    return fail(env, "usage: resource failcount RSC set|delete|show NODE [VALUE]");
  auto l = load(env);
  if (!l) return fail(env, l.error_message());
  std::string name = "fail-count-" + args[0];
  auto status = l->cib.root().first_child("status");
  std::optional<XmlNode> state;
  if (status)
    for (XmlNode s : status->children("node_state"))
      if (s.attribute("uname") == args[2]) state = s;
  if (args[1] == "show") {
    std::optional<std::string> value;
    if (state)
      if (auto t = state->first_child("transient_attributes")) value = get_nvpair(*t, "instance_attributes", name);
    env.out << "scope=status  name=" << name << " value=" << value.value_or("0") << "\n";
    return 0;
  }
  if (!state) return fail(env, fmt::format("node {} has no status (is it up?)", args[2]));
  std::string uuid = state->attribute("id").value_or("");
  auto transient = state->first_child("transient_attributes");
  if (!transient) {
    transient = state->append_child("transient_attributes");
    transient->set_attribute("id", uuid);
  }
  if (args[1] == "set") {
    set_nvpair(*transient, "instance_attributes", "status-" + uuid, name, args[3]);
    for (XmlNode nv : find_nvpairs(*transient, "instance_attributes", name))
      if (Status s = crm_set_element(env, nv); !s) return fail(env, s.message());
    return 0;
  }
  for (XmlNode nv : find_nvpairs(*transient, "instance_attributes", name))
    if (Status s = crm_remove_element(env, nv); !s) return fail(env, s.message());
  return 0;
}

}  // namespace

int crm_resource(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.empty()) return where({}, env, true);
  const std::string& cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  auto one = [&](auto fn) {
    if (rest.size() != 1) return fail(env, fmt::format("usage: resource {} RSC", cmd));
    return fn(rest[0]);
  };
  if (cmd == "start") return one([&](auto& id) { return target_role(id, "Started", env); });
  if (cmd == "stop") return one([&](auto& id) { return target_role(id, "Stopped", env); });
  if (cmd == "move" || cmd == "migrate") return move(rest, env);
  if (cmd == "unmove" || cmd == "unmigrate") return one([&](auto& id) { return unmove(id, env); });
  if (cmd == "cleanup") return cleanup(rest, env);
  if (cmd == "status" || cmd == "show") return where(rest, env, false);
  if (cmd == "list") return where(rest, env, true);
  if (cmd == "failcount") return failcount(rest, env);
  env.err << "crm: unknown resource command '" << cmd << "'\n";
  return 64;
}

}  // namespace pacer::tools
