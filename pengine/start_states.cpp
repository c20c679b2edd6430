// Start plans and their propagation along groups and mandatory orders (see start_states.h).
#include "pengine/start_states.h"

#include <algorithm>

namespace pacer::pengine {
namespace {

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::optional<std::string> quorum_block(const WorkingSet& ws, const Resource& rsc) {
  if (ws.options.have_quorum) return std::nullopt;
  if (ws.options.no_quorum_policy == NoQuorumPolicy::kStop ||
      ws.options.no_quorum_policy == NoQuorumPolicy::kSuicide)
    return "no quorum";
  if (ws.options.no_quorum_policy == NoQuorumPolicy::kFreeze && rsc.running_on.empty())
    return "quorum freeze";
  return std::nullopt;
}

StartPlan initial(const WorkingSet& ws, const Resource& rsc) {
  if (rsc.kind != ResourceKind::kPrimitive) return {StartState::kStay, ""};
  // A failure that blocks (on-fail=block) leaves a start that can never run.
  if (rsc.blocked) return {StartState::kBlocked, ""};
  if (!rsc.assigned) return {StartState::kNone, ""};
  if (auto blocked = quorum_block(ws, rsc)) return {StartState::kBlocked, *blocked};
  // Active on several nodes (multiple-active=stop_start, the default): stopped everywhere and
  // started afresh where it is assigned.
  bool stays = contains(rsc.running_on, *rsc.assigned) && !rsc.failed && rsc.running_on.size() == 1;
  return {stays ? StartState::kStay : StartState::kStart, ""};
}

// One mandatory order applied for its unrunnable start, its restart, or both.
struct Step {
  const Ordering* order;
  bool unrunnable, restart;
};

// In which order the orders name their reasons (the first reason set stays): for a primitive
// `then` the order defined last (the reference looks at the newest first); for a group or clone
// the one defined first when its start cannot run, and when it restarts the last one with a
// primitive `first`, else the last one.
std::vector<Step> order_steps(const WorkingSet& ws) {
  auto collective = [&](int r) { return ws.resources[r].kind != ResourceKind::kPrimitive; };
  std::vector<Step> steps;
  for (auto it = ws.orderings.rbegin(); it != ws.orderings.rend(); ++it)
    if (it->mandatory && it->between_starts() && !collective(it->then)) steps.push_back({&*it, true, true});
  for (const Ordering& order : ws.orderings)
    if (order.mandatory && order.between_starts() && collective(order.then)) steps.push_back({&order, true, false});
  for (bool collective_first : {false, true})
    for (auto it = ws.orderings.rbegin(); it != ws.orderings.rend(); ++it)
      if (it->mandatory && it->between_starts() && collective(it->then) && collective(it->first) == collective_first)
        steps.push_back({&*it, false, true});
  return steps;
}

class Propagation {
 public:
  explicit Propagation(const WorkingSet& ws)
      : ws_(ws), plans_(ws.resources.size()), unrunnable_(ws.resources.size()), steps_(order_steps(ws)) {
    for (size_t r = 0; r < ws.resources.size(); ++r) plans_[r] = initial(ws, ws.resources[r]);
  }

  std::vector<StartPlan> run() {
    for (bool changed = true; changed;) {
      changed_ = false;
      // Orders first: where both apply, the reference names the order's reason.
      for (const Step& step : steps_) {
        const Ordering& order = *step.order;
        if (!order.mandatory) continue;
        const Resource& first = ws_.resources[order.first];
        bool collective = first.kind != ResourceKind::kPrimitive;
        std::string name = first.id + (collective ? " running" : " start");
        // An unrunnable start is named by its own reason when it came through a pseudo event.
        std::string unrunnable = "unrunnable " + name;
        if (collective && plans_[order.first].state == StartState::kBlocked && !plans_[order.first].reason.empty())
          unrunnable = plans_[order.first].reason;
        // A start of `first` restarts `then` where it stays, but only through a symmetrical order
        // (the reference restarts through the inverse "then stops before first" ordering).
        // Through that inverse ordering a stop of `first` stops `then` as well.
        // A clone's instance restarts a primitive after it only by starting on its node.
        std::optional<int> on;
        const Resource& then = ws_.resources[order.then];
        if (first.kind == ResourceKind::kClone && then.kind == ResourceKind::kPrimitive)
          on = then.assigned ? *then.assigned : -1;
        bool restart = (starts(order.first, on) || stops(order.first)) && order.symmetrical;
        first_stops_ = order.symmetrical && ws_.resources[order.first].kind == ResourceKind::kPrimitive &&
                       stops(order.first);
        depend(order.then, step.unrunnable && !runnable(order.first), unrunnable, step.restart && restart,
               "required " + name, order.symmetrical);
      }
      // "promote M then start X": a promotion in this transition on X's node makes X's start
      // required, so X restarts where it stays ("required M promoted"), through the symmetrical
      // order only.
      // Without any Master after the transition, X cannot start (and stops where it runs, if
      // the order is symmetrical): "unrunnable M promoted".
      for (const Ordering& order : ws_.orderings) {
        if (!order.mandatory || order.first_action != "promote" || order.then_action != "start") continue;
        const std::string& name = ws_.resources[order.first].id;
        first_stops_ = false;
        depend(order.then, !any_master(order.first), "unrunnable " + name + " promoted",
               order.symmetrical && promotes(order.first, ws_.resources[order.then].assigned),
               "required " + name + " promoted", order.symmetrical);
      }
      // What must run with something whose start cannot run cannot start either.
      for (const Colocation& col : ws_.colocations) {
        if (col.score != kInfinity || col.id == "group:internal_colocation") continue;
        const Resource& primary = ws_.resources[col.with_rsc];
        // (A collective's plan is blocked when its own start event cannot run.)
        if (primary.blocked || plans_[col.with_rsc].state != StartState::kBlocked) continue;
        block_starts(col.rsc, "colocation with " + primary.id);
      }
      for (int r = 0; r < static_cast<int>(ws_.resources.size()); ++r) {
        const Resource& rsc = ws_.resources[r];
        if (rsc.kind != ResourceKind::kGroup) continue;
        for (size_t i = 1; i < rsc.children.size(); ++i) {
          int prev = rsc.children[i - 1];
          first_stops_ = stops(prev);
          depend(rsc.children[i], !runnable(prev), "unrunnable " + ws_.resources[prev].id + " start",
                 starts(prev) || stops(prev), "required " + ws_.resources[prev].id + " start", true);
        }
      }
      changed = changed_;
    }
    return plans_;
  }

 private:
  // Whether an instance of master/slave r is promoted in this transition (where it is not
  // Master yet, or after a restart) on `on`: only that restarts what is ordered after the
  // promotion and runs there, as with a clone instance's start.
  bool promotes(int r, std::optional<int> on) const {
    for (int i : ws_.resources[r].children) {
      const Resource& rsc = ws_.resources[i];
      if (rsc.promote && rsc.assigned && rsc.assigned == on &&
          (!rsc.master || plans_[i].state == StartState::kStart))
        return true;
    }
    return false;
  }

  // Whether master/slave r has a Master after the transition.
  bool any_master(int r) const {
    for (int i : ws_.resources[r].children) {
      const Resource& rsc = ws_.resources[i];
      if (rsc.promote && rsc.assigned && plans_[i].state != StartState::kBlocked) return true;
    }
    return false;
  }

  // Whether r's start (a collective's running event) can run.
  bool runnable(int r) const {
    const Resource& rsc = ws_.resources[r];
    StartState s = plans_[r].state;
    if (rsc.kind == ResourceKind::kPrimitive) return s == StartState::kStay || s == StartState::kStart;
    if (s == StartState::kBlocked) return false;
    if (rsc.kind == ResourceKind::kGroup)
      return std::all_of(rsc.children.begin(), rsc.children.end(), [&](int m) { return runnable(m); });
    // A clone counts as running when any instance will run.
    return std::any_of(rsc.children.begin(), rsc.children.end(), [&](int i) { return runnable(i); });
  }

  // Whether r (a collective: any member) stops somewhere it runs now.
  bool stops(int r) const {
    const Resource& rsc = ws_.resources[r];
    // A clone instance that stops leaves the clone running: it forces nothing.
    if (rsc.kind == ResourceKind::kClone) return false;
    if (rsc.kind != ResourceKind::kPrimitive)
      return std::any_of(rsc.children.begin(), rsc.children.end(), [&](int m) { return stops(m); });
    if (!rsc.managed || rsc.blocked || rsc.frozen) return false;
    for (int node : rsc.running_on)
      if (plans_[r].state != StartState::kStay || rsc.assigned != node) return true;
    return false;
  }

  // Whether r starts (a collective: any member; with `on`, only a start on that node counts).
  bool starts(int r, std::optional<int> on = std::nullopt) const {
    const Resource& rsc = ws_.resources[r];
    if (rsc.kind == ResourceKind::kPrimitive)
      return plans_[r].state == StartState::kStart && (!on || rsc.assigned == on);
    return std::any_of(rsc.children.begin(), rsc.children.end(), [&](int m) { return starts(m, on); });
  }

  // Starts of r (its members, a collective's own start event) that were to happen cannot.
  void block_starts(int r, const std::string& reason) {
    const Resource& rsc = ws_.resources[r];
    if (rsc.kind != ResourceKind::kPrimitive) {
      if (plans_[r].state != StartState::kBlocked) {
        plans_[r] = {StartState::kBlocked, reason};
        changed_ = true;
      }
      for (int member : rsc.children) block_starts(member, reason);
      return;
    }
    if (!rsc.managed) return;
    // A restart already under way keeps its own reason; what stays only stops if it must restart.
    if (plans_[r].state == StartState::kStart) {
      plans_[r] = {StartState::kBlocked, plans_[r].reason.empty() ? reason : plans_[r].reason};
      changed_ = true;
    } else if (plans_[r].state == StartState::kStay && !unrunnable_[r]) {
      unrunnable_[r] = reason;
      changed_ = true;
    }
  }

  // `then` depends on something: unrunnable makes it blocked; a start of the other forces a
  // restart of what stays.
  void depend(int then, bool unrunnable, const std::string& unrunnable_reason, bool first_starts,
              const std::string& restart_reason, bool symmetrical) {
    const Resource& rsc = ws_.resources[then];
    if (rsc.kind != ResourceKind::kPrimitive) {
      if (unrunnable && plans_[then].state != StartState::kBlocked) {
        plans_[then] = {StartState::kBlocked, unrunnable_reason};
        changed_ = true;
      }
      // Through the collective's start event every member (instance) gets the same reason for
      // being unrunnable; a group's restart reaches its first member only, the rest restart
      // after it ("required <previous member> start").
      if (rsc.kind == ResourceKind::kGroup) first_stops_ = false;
      bool group = rsc.kind == ResourceKind::kGroup;
      for (size_t i = 0; i < rsc.children.size(); ++i)
        depend(rsc.children[i], unrunnable, unrunnable_reason, first_starts && (!group || i == 0),
               restart_reason, symmetrical);
      return;
    }
    if (!rsc.managed) return;
    StartPlan& plan = plans_[then];
    if (unrunnable) {
      // What runs here must restart because `first` stops: its start was required before it
      // proved unrunnable, and the reference names the requirement.
      std::string why = unrunnable_reason;
      if (!rsc.running_on.empty() && first_stops_ && why.starts_with("unrunnable "))
        why = "required " + why.substr(11);
      // A start that was going to happen cannot. What stays must stop too when the order is
      // symmetrical (as within a group); otherwise only if something forces it to restart.
      if (plan.state == StartState::kStart || (symmetrical && plan.state == StartState::kStay)) {
        // What stays and was already known unable to start keeps that first reason.
        if (plan.state == StartState::kStay && unrunnable_[then]) why = *unrunnable_[then];
        plan = {StartState::kBlocked, why};
        changed_ = true;
      } else if (plan.state == StartState::kStay && !unrunnable_[then]) {
        unrunnable_[then] = why;
        changed_ = true;
      }
    }
    if (first_starts && plan.state == StartState::kStay) {
      plan = unrunnable_[then] ? StartPlan{StartState::kBlocked, *unrunnable_[then]}
                               : StartPlan{StartState::kStart, restart_reason};
      changed_ = true;
    }
  }

  const WorkingSet& ws_;
  std::vector<StartPlan> plans_;
  // For what stays: the reason its (unneeded) start could not run, should it have to restart.
  std::vector<std::optional<std::string>> unrunnable_;
  std::vector<Step> steps_;
  bool changed_ = false;
  bool first_stops_ = false;  // the `first` of the dependency being applied stops somewhere
};

}  // namespace

std::vector<StartPlan> plan_starts(const WorkingSet& ws) { return Propagation(ws).run(); }

}  // namespace pacer::pengine
