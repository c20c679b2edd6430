#include "crmd/transition_graph.h"

#include <charconv>
#include <set>

#include "common/xml.h"

namespace pacer::crmd {
namespace {

Result<int> int_attribute(const XmlNode& node, std::string_view name, std::string_view where) {
  auto text = node.attribute(name);
  if (!text) return Status::error(fmt::format("{}: missing {}", where, name));
  int value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size())
    return Status::error(fmt::format("{}: {}='{}' is not a number", where, name, *text));
  return value;
}

Result<GraphAction> parse_action(const XmlNode& node, std::string_view where) {
  GraphAction a;
  std::string_view element = node.name();
  if (element == "rsc_op") a.type = ActionType::rsc_op;
  else if (element == "pseudo_event") a.type = ActionType::pseudo_event;
  else if (element == "crm_event") a.type = ActionType::crm_event;
  else return Status::error(fmt::format("{}: unknown action <{}>", where, element));
  auto id = int_attribute(node, "id", where);
  if (!id) return id.status();
  a.id = *id;
  a.operation = node.attribute("operation").value_or("");
  a.operation_key = node.attribute("operation_key").value_or("");
  a.on_node = node.attribute("on_node").value_or("");
  a.on_node_uuid = node.attribute("on_node_uuid").value_or("");
  if (a.operation.empty()) return Status::error(fmt::format("{}: action {} has no operation", where, a.id));
  if (a.type != ActionType::pseudo_event && a.on_node.empty())
    return Status::error(fmt::format("{}: action {} ({}) has no on_node", where, a.id, a.operation_key));
  if (auto p = node.first_child("primitive")) {
    a.rsc_id = p->attribute("id").value_or("");
    a.rsc_class = p->attribute("class").value_or("");
    a.rsc_provider = p->attribute("provider").value_or("");
    a.rsc_type = p->attribute("type").value_or("");
  }
  if (a.type == ActionType::rsc_op && (a.rsc_id.empty() || a.rsc_class.empty() || a.rsc_type.empty()))
    return Status::error(fmt::format("{}: rsc_op {} lacks its <primitive>", where, a.id));
  if (auto attrs = node.first_child("attributes")) {
    for (xmlAttrPtr p = attrs->get()->properties; p != nullptr; p = p->next) {
      std::string name = reinterpret_cast<const char*>(p->name);
      a.attributes[name] = attrs->attribute(name).value_or("");
    }
  }
  if (auto t = a.attributes.find("CRM_meta_timeout"); t != a.attributes.end()) {
    auto ms = parse_duration(t->second);
    if (!ms) return ms.status().with_context(fmt::format("{}: action {} timeout", where, a.id));
    if (ms->count() > 0) a.timeout = *ms;
  }
  if (auto i = a.attributes.find("CRM_meta_interval"); i != a.attributes.end()) {
    auto ms = parse_duration(i->second);
    if (!ms) return ms.status().with_context(fmt::format("{}: action {} interval", where, a.id));
    a.interval_ms = ms->count();
  }
  return a;
}

}  // namespace

Result<Millis> parse_duration(std::string_view text) {
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || value < 0) return Status::error(fmt::format("'{}' is not a duration", text));
  std::string_view unit(ptr, static_cast<size_t>(text.data() + text.size() - ptr));
  if (unit.empty() || unit == "ms" || unit == "msec") return Millis(value);
  if (unit == "s" || unit == "sec") return Millis(value * 1000);
  if (unit == "m" || unit == "min") return Millis(value * 60000);
  if (unit == "h" || unit == "hr") return Millis(value * 3600000);
  return Status::error(fmt::format("'{}' has an unknown unit", text));
}

Result<Graph> parse_graph(std::string_view xml) {
  auto doc = XmlDocument::parse(xml, "transition graph");
  if (!doc) return doc.status();
  XmlNode root = doc->root();
  if (root.name() != "transition_graph")
    return Status::error(fmt::format("transition graph: root is <{}>", root.name()));
  Graph g;
  if (auto id = root.attribute("transition_id")) {
    auto n = int_attribute(root, "transition_id", "transition_graph");
    if (!n) return n.status();
    g.transition_id = *n;
  }
  for (auto [name, field] : {std::pair{"cluster-delay", &g.cluster_delay}, {"stonith-timeout", &g.stonith_timeout}})
    if (auto v = root.attribute(name)) {
      auto ms = parse_duration(*v);
      if (!ms) return ms.status().with_context(fmt::format("transition_graph {}", name));
      *field = *ms;
    }
  if (root.has_attribute("batch-limit")) {
    auto n = int_attribute(root, "batch-limit", "transition_graph");
    if (!n) return n.status();
    g.batch_limit = *n;
  }
  std::set<int> ids;
  for (const XmlNode& s : root.children("synapse")) {
    Synapse synapse;
    auto id = int_attribute(s, "id", "synapse");
    if (!id) return id.status();
    synapse.id = *id;
    std::string where = fmt::format("synapse {}", synapse.id);
    if (s.has_attribute("priority")) {
      auto p = int_attribute(s, "priority", where);
      if (!p) return p.status();
      synapse.priority = *p;
    }
    auto set = s.first_child("action_set");
    if (!set || set->children().size() != 1)
      return Status::error(fmt::format("{}: needs exactly one action", where));
    auto action = parse_action(set->children()[0], where);
    if (!action) return action.status();
    if (!ids.insert(action->id).second)
      return Status::error(fmt::format("{}: action id {} used twice", where, action->id));
    synapse.action = std::move(*action);
    if (auto inputs = s.first_child("inputs"))
      for (const XmlNode& trigger : inputs->children("trigger"))
        for (const XmlNode& pred : trigger.children()) {
          auto pid = int_attribute(pred, "id", where + " trigger");
          if (!pid) return pid.status();
          synapse.inputs.push_back(*pid);
        }
    g.synapses.push_back(std::move(synapse));
  }
  for (const auto& s : g.synapses)
    for (int input : s.inputs)
      if (!ids.count(input))
        return Status::error(fmt::format("synapse {}: waits for action {}, which is not in the graph", s.id, input));
  return g;
}

}  // namespace pacer::crmd
