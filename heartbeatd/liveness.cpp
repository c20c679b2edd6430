#include "heartbeatd/liveness.h"

#include <algorithm>

namespace pacer::heartbeat {

std::string_view to_string(NodeStatus status) {
  switch (status) {
    case NodeStatus::init: return "init";
    case NodeStatus::active: return "active";
    case NodeStatus::dead: return "dead";
  }
  return "?";
}

std::string_view to_string(LinkStatus status) {
  switch (status) {
    case LinkStatus::init: return "init";
    case LinkStatus::up: return "up";
    case LinkStatus::dead: return "dead";
  }
  return "?";
}

Liveness::Liveness(LivenessTiming timing, std::string local_node, std::vector<std::string> nodes,
                   std::vector<std::string> interfaces, MonoTime started)
    : timing_(timing), local_node_(std::move(local_node)), interfaces_(std::move(interfaces)),
      started_(started) {
  for (const auto& n : nodes) add_node(n);
  if (!find(local_node_)) add_node(local_node_);
}

Liveness::Node* Liveness::find(const std::string& name) {
  for (auto& n : nodes_)
    if (n.name == name) return &n;
  return nullptr;
}

const Liveness::Node* Liveness::find(const std::string& name) const {
  for (const auto& n : nodes_)
    if (n.name == name) return &n;
  return nullptr;
}

Liveness::Node& Liveness::add_node(const std::string& name) {
  Node node;
  node.name = name;
  node.links.resize(interfaces_.size());
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

Millis Liveness::silence_limit(const Node& node) const {
  // Until a node has been heard once, it gets initdead: the others may still be booting.
  return node.last_heard ? timing_.deadtime : timing_.initdead;
}

std::vector<LivenessEvent> Liveness::heard(const std::string& name, size_t medium, MonoTime now) {
  std::vector<LivenessEvent> events;
  if (medium >= interfaces_.size()) return events;
  Node* node = find(name);
  if (!node) node = &add_node(name);
  // Late heartbeats are judged per node (any medium), as Heartbeat did.
  if (node->last_heard && name != local_node_ && node->status == NodeStatus::active) {
    auto interval = std::chrono::duration_cast<Millis>(now - *node->last_heard);
    if (interval > timing_.warntime)
      events.push_back({LivenessEvent::Kind::late_heartbeat, name, {}, interval});
  }
  node->last_heard = now;
  Link& link = node->links[medium];
  link.last_heard = now;
  if (link.status != LinkStatus::up) {
    link.status = LinkStatus::up;
    events.push_back({LivenessEvent::Kind::link_up, name, interfaces_[medium]});
  }
  if (node->status != NodeStatus::active) {
    node->status = NodeStatus::active;
    events.push_back({LivenessEvent::Kind::node_active, name, {}});
  }
  return events;
}

std::vector<LivenessEvent> Liveness::restarted(const std::string& name) {
  Node* node = find(name);
  if (!node || name == local_node_ || node->status != NodeStatus::active) return {};
  node->status = NodeStatus::dead;
  node->last_heard.reset();  // the new incarnation's first packet is not a late heartbeat
  return {{LivenessEvent::Kind::node_dead, name, {}}};
}

std::vector<LivenessEvent> Liveness::tick(MonoTime now) {
  std::vector<LivenessEvent> events;
  for (auto& node : nodes_) {
    Millis limit = silence_limit(node);
    for (size_t m = 0; m < node.links.size(); ++m) {
      Link& link = node.links[m];
      MonoTime since = link.last_heard.value_or(started_);
      Millis link_limit = link.last_heard ? timing_.deadtime : limit;
      if (link.status != LinkStatus::dead && now - since >= link_limit) {
        // A link that never came up is reported dead only once the node itself is known.
        bool report = link.status == LinkStatus::up;
        link.status = LinkStatus::dead;
        if (report) events.push_back({LivenessEvent::Kind::link_dead, node.name, interfaces_[m]});
      }
    }
    if (node.name == local_node_) continue;  // we never declare ourselves dead
    MonoTime since = node.last_heard.value_or(started_);
    if (node.status != NodeStatus::dead && now - since >= limit) {
      node.status = NodeStatus::dead;
      events.push_back({LivenessEvent::Kind::node_dead, node.name, {}});
    }
  }
  return events;
}

NodeStatus Liveness::node_status(const std::string& node) const {
  const Node* n = find(node);
  return n ? n->status : NodeStatus::dead;
}

std::optional<LinkStatus> Liveness::link_status(const std::string& node,
                                                const std::string& interface) const {
  const Node* n = find(node);
  if (!n) return std::nullopt;
  for (size_t m = 0; m < interfaces_.size(); ++m)
    if (interfaces_[m] == interface) return n->links[m].status;
  return std::nullopt;
}

std::vector<std::string> Liveness::nodes() const {
  std::vector<std::string> names;
  for (const auto& n : nodes_) names.push_back(n.name);
  return names;
}

MonoTime Liveness::next_deadline() const {
  MonoTime next = MonoTime::max();
  for (const auto& node : nodes_) {
    Millis limit = silence_limit(node);
    for (const auto& link : node.links)
      if (link.status != LinkStatus::dead)
        next = std::min(next, link.last_heard.value_or(started_) +
                                  (link.last_heard ? timing_.deadtime : limit));
    if (node.name != local_node_ && node.status != NodeStatus::dead)
      next = std::min(next, node.last_heard.value_or(started_) + limit);
  }
  return next;
}

}  // namespace pacer::heartbeat
