// Unpacking <constraints>: rsc_location (node+score or rules), rsc_colocation and rsc_order,
// with the roles and actions master/slave resources use.
#include <tuple>

#include "pengine/nvpairs.h"
#include "pengine/unpack.h"

namespace pacer::pengine {
namespace {

Result<int> resource_ref(XmlNode element, std::string_view attribute, const WorkingSet& ws) {
  auto id = element.attribute(attribute);
  if (!id) return Status::error(fmt::format("{}: no {}", describe(element), attribute));
  auto found = ws.find_resource(*id);
  if (!found)
    return Status::error(fmt::format("{}: {} '{}' is not a resource", describe(element),
                                     attribute, *id));
  return *found;
}

Result<Score> score_of(XmlNode element) {
  auto text = element.attribute("score");
  if (!text) return Status::error(describe(element) + ": no score");
  auto score = parse_score(*text);
  if (!score) return score.status().with_context(describe(element));
  return score;
}

// "Master" or nothing/"Started" (any role); the rest is reported rather than misread.
Result<bool> master_role(XmlNode element, std::string_view attribute) {
  std::string role = element.attribute(attribute).value_or("");
  if (role.empty() || role == "Started") return false;
  if (role == "Master" || role == "Promoted") return true;
  return Status::error(fmt::format("{}: {}=\"{}\" is not supported yet", describe(element), attribute, role));
}

Status unpack_location(XmlNode element, WorkingSet& ws) {
  Location location;
  location.id = element.attribute("id").value_or("");
  auto rsc = resource_ref(element, "rsc", ws);
  if (!rsc) return rsc.status();
  location.rsc = *rsc;
  auto role = master_role(element, "role");
  if (!role) return role.status();
  location.master_role = *role;
  if (auto node = element.attribute("node")) {
    auto score = score_of(element);
    if (!score) return score.status();
    location.score = *score;
    // A constraint naming an unknown node has nothing to act on; it is kept out, not an error.
    location.node = ws.find_node(*node);
    if (!location.node) return Status::ok();
  } else {
    for (XmlNode rule : element.children("rule")) {
      auto parsed = parse_rule(rule);
      if (!parsed) return parsed.status();
      auto rule_role = master_role(rule, "role");
      if (!rule_role) return rule_role.status();
      if (*role || *rule_role) parsed->role = "Master";
      location.rules.push_back(std::move(*parsed));
    }
    if (location.rules.empty())
      return Status::error(describe(element) + ": needs node and score, or rules");
  }
  ws.locations.push_back(std::move(location));
  return Status::ok();
}

Status unpack_colocation(XmlNode element, WorkingSet& ws) {
  Colocation colocation;
  colocation.id = element.attribute("id").value_or("");
  auto rsc = resource_ref(element, "rsc", ws);
  if (!rsc) return rsc.status();
  auto with = resource_ref(element, "with-rsc", ws);
  if (!with) return with.status();
  auto score = score_of(element);
  if (!score) return score.status();
  colocation.rsc = *rsc;
  colocation.with_rsc = *with;
  colocation.score = *score;
  auto dependent_role = master_role(element, "rsc-role");
  if (!dependent_role) return dependent_role.status();
  if (*dependent_role)
    return Status::error(describe(element) + ": rsc-role=\"Master\" (a promoted dependent) is not supported yet");
  if (std::string role = element.attribute("with-rsc-role").value_or(""); role == "Slave" || role == "Unpromoted") {
    colocation.with_rsc_role = Role::kSlave;
  } else {
    auto with_role = master_role(element, "with-rsc-role");
    if (!with_role) return with_role.status();
    if (*with_role) colocation.with_rsc_role = Role::kMaster;
  }
  if (colocation.with_rsc_role != Role::kStarted && !ws.resources[colocation.with_rsc].promotable)
    return Status::error(describe(element) + ": with-rsc-role needs a master/slave with-rsc");
  if (auto attribute = element.attribute("node-attribute")) colocation.node_attribute = *attribute;
  ws.colocations.push_back(colocation);
  return Status::ok();
}

Status unpack_order(XmlNode element, WorkingSet& ws) {
  Ordering order;
  order.id = element.attribute("id").value_or("");
  auto first = resource_ref(element, "first", ws);
  if (!first) return first.status();
  auto then = resource_ref(element, "then", ws);
  if (!then) return then.status();
  order.first = *first;
  order.then = *then;
  if (auto kind = element.attribute("kind")) {
    order.mandatory = *kind == "Mandatory";
  } else if (auto score = element.attribute("score")) {
    auto parsed = parse_score(*score);
    if (!parsed) return parsed.status().with_context(describe(element));
    order.mandatory = *parsed > 0;
  }
  order.symmetrical = is_true(element.attribute("symmetrical").value_or("true"));
  for (auto [attribute, action, rsc] : {std::tuple{"first-action", &order.first_action, order.first},
                                        {"then-action", &order.then_action, order.then}}) {
    *action = element.attribute(attribute).value_or("start");
    if (*action != "start" && *action != "stop" && *action != "promote" && *action != "demote")
      return Status::error(fmt::format("{}: {}=\"{}\" is not supported yet", describe(element), attribute, *action));
    if ((*action == "promote" || *action == "demote") && !ws.resources[rsc].promotable)
      return Status::error(fmt::format("{}: {} {} needs a master/slave resource", describe(element), attribute, *action));
    if (*action == "stop" || (*action != "start" && ws.resources[rsc].parent))
      return Status::error(fmt::format("{}: {}=\"{}\" is not supported yet here", describe(element), attribute, *action));
  }
  ws.orderings.push_back(order);
  return Status::ok();
}

}  // namespace

Status unpack_constraints(XmlNode configuration, WorkingSet& ws) {
  auto constraints = configuration.first_child("constraints");
  if (!constraints) return Status::ok();
  for (XmlNode element : constraints->children()) {
    Status s;
    std::string_view kind = element.name();
    if (kind == "rsc_location") s = unpack_location(element, ws);
    else if (kind == "rsc_colocation") s = unpack_colocation(element, ws);
    else if (kind == "rsc_order") s = unpack_order(element, ws);
    else s = Status::error(describe(element) + ": constraint type not supported yet");
    if (!s) return s;
  }
  return Status::ok();
}

}  // namespace pacer::pengine
