#include "heartbeatd/membership.h"

namespace pacer::heartbeat {

bool has_quorum(size_t members, size_t configured_nodes) {
  if (configured_nodes == 2) return members >= 1;
  return members * 2 > configured_nodes;
}

Membership::Membership(std::string local_node, size_t configured_nodes)
    : local_node_(std::move(local_node)), configured_nodes_(configured_nodes) {
  heard_.insert(local_node_);
}

bool Membership::quorate() const {
  return current_ && has_quorum(current_->members.size(), configured_nodes_);
}

std::string Membership::leader() const { return *heard_.begin(); }

CcmView Membership::own_view() const { return CcmView{heard_, highest_instance_}; }

CcmOutput Membership::set_heard(std::set<std::string> alive) {
  alive.insert(local_node_);
  std::set<std::string> previously_heard = std::move(heard_);
  heard_ = std::move(alive);
  // A node we no longer hear must tell us again what it hears once it is back.
  for (auto it = views_.begin(); it != views_.end();)
    it = heard_.count(it->first) || !previously_heard.count(it->first) ? std::next(it) : views_.erase(it);
  CcmOutput out = decide();
  out.view = own_view();  // tell the others what we hear now
  return out;
}

CcmOutput Membership::on_view(const std::string& from, const CcmView& view) {
  highest_instance_ = std::max(highest_instance_, view.highest_instance);
  // A view may arrive before our own heartbeat reports its sender alive: keep it for then.
  bool is_new = !views_.count(from);
  views_[from] = view;
  CcmOutput out = decide();
  // A node that just appeared needs our view to include us in its own decisions.
  if (is_new) out.view = own_view();
  return out;
}

CcmOutput Membership::on_membership(const std::string& from, const CcmMembership& m) {
  highest_instance_ = std::max(highest_instance_, m.instance);
  CcmOutput out;
  if (from == local_node_ || from != leader() || !m.members.count(local_node_)) return out;
  if (current_ && m.instance <= current_->instance) return out;
  current_ = m;
  out.changed = m;
  return out;
}

CcmOutput Membership::decide() {
  CcmOutput out;
  if (leader() != local_node_) return out;  // the leader decides
  std::set<std::string> members{local_node_};
  for (const auto& [node, view] : views_)
    if (heard_.count(node) && view.hears.count(local_node_)) members.insert(node);
  if (current_ && current_->members == members && current_->leader == local_node_) return out;
  CcmMembership m{highest_instance_ + 1, local_node_, std::move(members)};
  highest_instance_ = m.instance;
  current_ = m;
  out.announce = m;
  out.changed = m;
  return out;
}

}  // namespace pacer::heartbeat
