// stonithd's logic: device registry, the local chain in priority order, asking other nodes, the
// request's overall timeout, results to every node, history.
#include "stonithd/fencer.h"

#include <algorithm>

#include <fmt/format.h>

#include "stonithd/stonithd_protocol.h"

namespace pacer::stonithd {
namespace {

namespace pb = proto::stonithd;

// Pacemaker 1.0's stonithd printed its function and line; pm_logconv keys on the function name.
constexpr int kOperateLocallyLine = 2683;

int exit_code_of(const Result<ExitStatus>& exit) {
  if (!exit) return 8;  // S_OOPS: could not run at all
  if (exit->timed_out) return 6;  // S_TIMEOUT
  if (!exit->exited) return 8;
  return exit->code;
}

std::string first_line(std::string_view text) {
  auto nl = text.find('\n');
  std::string line(text.substr(0, nl));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line.substr(0, 300);
}

}  // namespace

Fencer::Fencer(std::string self, PluginPaths paths, FencerSeams seams)
    : self_(std::move(self)), paths_(std::move(paths)), seams_(std::move(seams)) {}

Fencer::~Fencer() {
  *alive_ = false;
  for (auto& [id, op] : operations_) seams_.timers.cancel(op.timer);
}

std::int64_t Fencer::wall_ms() const {
  return std::chrono::duration_cast<Millis>(seams_.clock.wall().time_since_epoch()).count();
}

// ---- devices ---------------------------------------------------------------------------------

void Fencer::register_device(DeviceConfig device, ReplyDone done) {
  std::weak_ptr<bool> alive = alive_;
  auto fail = [done](int rc, std::string error) {
    pb::Reply r;
    r.set_ok(false);
    r.set_rc(rc);
    r.set_error(std::move(error));
    done(r);
  };
  auto add = [this, done](const DeviceConfig& config, std::vector<std::string> hosts) {
    std::erase_if(registry_, [&](const Registered& r) { return r.config.id == config.id; });
    registry_.push_back(Registered{config, hosts, next_order_++});
    log(LogLevel::info, fmt::format("Device {} ({}) registered: it can fence {}", config.id,
                                    config.type, fmt::join(hosts, " ")));
    pb::Reply r;
    r.set_ok(true);
    for (const auto& h : hosts) r.add_hosts(h);
    done(r);
  };
  auto on_status = [this, alive, device, fail, add](Result<ExitStatus> exit) {
    if (alive.expired()) return;
    if (!exit || !exit->succeeded()) {
      std::string why = exit ? exit->describe() : exit.error_message();
      if (exit && !exit->stderr_text.empty()) why += ": " + first_line(exit->stderr_text);
      log(LogLevel::error, fmt::format("Device {} ({}): status failed: {}", device.id, device.type, why));
      return fail(1, fmt::format("status of {} failed: {}", device.type, why));
    }
    if (auto hosts = static_hosts(device)) {
      if (hosts->empty()) return fail(2, fmt::format("{}: its host list is empty", device.id));
      return add(device, std::move(*hosts));
    }
    auto on_hosts = [this, alive, device, fail, add](Result<ExitStatus> listed) {
      if (alive.expired()) return;
      std::vector<std::string> hosts;
      if (listed && listed->succeeded())
        hosts = parse_hosts(listed->stdout_text, is_fence_agent(device.type));
      if (hosts.empty()) {
        std::string why = !listed ? listed.error_message()
                                  : listed->succeeded() ? "no hosts" : listed->describe();
        log(LogLevel::error, fmt::format("Device {} ({}): gethosts failed: {}", device.id, device.type, why));
        return fail(2, fmt::format("gethosts of {} failed: {}", device.type, why));
      }
      add(device, std::move(hosts));
    };
    auto started = seams_.executor.start(gethosts_command(paths_, device), device.timeout, on_hosts);
    if (!started) fail(2, started.error_message());
  };
  auto started = seams_.executor.start(status_command(paths_, device), device.timeout, on_status);
  if (!started) fail(1, started.error_message());
}

pb::Reply Fencer::unregister_device(const std::string& id) {
  auto removed = std::erase_if(registry_, [&](const Registered& r) { return r.config.id == id; });
  if (removed) log(LogLevel::info, fmt::format("Device {} unregistered", id));
  pb::Reply r;
  r.set_ok(true);
  return r;
}

void Fencer::device_status(const std::string& id, ReplyDone done) {
  auto it = std::find_if(registry_.begin(), registry_.end(),
                         [&](const Registered& r) { return r.config.id == id; });
  pb::Reply r;
  if (it == registry_.end()) {
    r.set_rc(7);
    r.set_error(fmt::format("device {} is not registered", id));
    return done(r);
  }
  std::weak_ptr<bool> alive = alive_;
  auto started = seams_.executor.start(
      status_command(paths_, it->config), it->config.timeout, [alive, done](Result<ExitStatus> exit) {
        if (alive.expired()) return;
        pb::Reply reply;
        reply.set_ok(exit && exit->succeeded());
        reply.set_rc(reply.ok() ? 0 : 1);
        if (!reply.ok()) reply.set_error(exit ? exit->describe() : exit.error_message());
        done(reply);
      });
  if (!started) {
    r.set_rc(1);
    r.set_error(started.error_message());
    done(r);
  }
}

std::vector<const Fencer::Registered*> Fencer::covering(const std::string& target) const {
  std::vector<const Registered*> out;
  for (const auto& r : registry_)
    if (target.empty() || std::any_of(r.hosts.begin(), r.hosts.end(),
                                      [&](const std::string& h) { return same_host(h, target); }))
      out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [](const Registered* a, const Registered* b) {
    return a->config.priority != b->config.priority ? a->config.priority < b->config.priority
                                                    : a->order < b->order;
  });
  return out;
}

std::vector<pb::DeviceInfo> Fencer::devices(const std::string& target) const {
  std::vector<pb::DeviceInfo> out;
  for (const Registered* r : covering(target)) {
    pb::DeviceInfo& d = out.emplace_back();
    d.set_id(r->config.id);
    d.set_type(r->config.type);
    d.set_priority(r->config.priority);
    d.set_timeout_ms(static_cast<std::uint64_t>(r->config.timeout.count()));
    for (const auto& h : r->hosts) d.add_hosts(h);
  }
  return out;
}

// ---- the local chain ----------------------------------------------------------------------------

void Fencer::run_chain(std::shared_ptr<LocalChain> chain) {
  for (const Registered* r : covering(chain->target)) chain->devices.push_back(r->config);
  if (chain->devices.empty()) {
    log(LogLevel::info, fmt::format("No local device can fence {}", chain->target));
    return chain->done(false, "no local device");
  }
  start_next_device(std::move(chain));
}

void Fencer::start_next_device(std::shared_ptr<LocalChain> chain) {
  if (chain->next >= chain->devices.size()) return chain->done(false, "every local device failed");
  const DeviceConfig& device = chain->devices[chain->next++];
  Millis left = std::chrono::duration_cast<Millis>(chain->deadline - seams_.clock.monotonic());
  if (left <= Millis(0)) return chain->done(false, "timed out");
  Millis timeout = std::min(device.timeout, left);
  std::weak_ptr<bool> alive = alive_;
  auto on_exit = [this, alive, chain, device](Result<ExitStatus> exit) {
    if (alive.expired()) return;
    if (exit && !exit->stderr_text.empty())
      log(LogLevel::info, fmt::format("{} output: {}", device.id, first_line(exit->stderr_text)));
    if (exit && exit->succeeded()) return chain->done(true, "");
    log(LogLevel::info,
        fmt::format("failed to STONITH node {} with local device {} (exitcode {}), gonna try the next "
                    "local device",
                    chain->target, device.id, exit_code_of(exit)));
    start_next_device(chain);
  };
  auto pid = seams_.executor.start(fence_command(paths_, device, chain->action, chain->target), timeout,
                                   on_exit);
  if (!pid) {
    log(LogLevel::error, fmt::format("Cannot run {} ({}): {}", device.id, device.type, pid.error_message()));
    on_exit(Result<ExitStatus>(pid.status()));
    return;
  }
  log(LogLevel::info,
      fmt::format("stonith_operate_locally::{}: sending fencing op {} for {} to {} ({}) (pid={})",
                  kOperateLocallyLine, op_name(chain->action), chain->target, device.id, device.type, *pid));
}

// ---- requests -------------------------------------------------------------------------------------

void Fencer::fence(const std::string& target, FenceAction action, Millis timeout,
                   const std::string& client, FenceDone done) {
  for (auto& [id, op] : operations_)
    if (same_host(op.target, target) && op.action == action) {
      log(LogLevel::info, fmt::format("Fencing of {} ({}) is in progress already: {} waits for it", target,
                                      op_name(action), client));
      op.waiting.push_back(std::move(done));
      return;
    }
  std::string id = fmt::format("{}:{}", self_, next_op_++);
  Operation& op = operations_[id];
  op.id = id;
  op.target = target;
  op.action = action;
  op.client = client;
  op.deadline = seams_.clock.monotonic() + timeout;
  op.waiting.push_back(std::move(done));
  op.timer = seams_.timers.add(timeout, [this, id] {
    auto it = operations_.find(id);
    if (it == operations_.end()) return;
    log(LogLevel::error, fmt::format("Failed to STONITH the node {}: optype={}, op_result=TIMEOUT",
                                     it->second.target, op_name(it->second.action)));
    it->second.timer = 0;
    finish(id, false, true, "", "timed out");
  });
  pb::HistoryEntry pending;
  pending.set_op_id(id);
  pending.set_target(target);
  pending.set_action(action_to_proto(action));
  pending.set_state(pb::PENDING);
  pending.set_origin(self_);
  pending.set_client(client);
  record(pending);
  log(LogLevel::info, fmt::format("Fencing {} ({}) for {}, timeout {} ms", target, op_name(action), client,
                                  timeout.count()));

  auto chain = std::make_shared<LocalChain>();
  chain->op_id = id;
  chain->target = target;
  chain->action = action;
  chain->deadline = op.deadline;
  chain->done = [this, id](bool ok, std::string detail) {
    auto it = operations_.find(id);
    if (it == operations_.end()) return;  // timed out meanwhile
    if (ok) return finish(id, true, false, self_, "");
    it->second.tried.insert(self_);
    log(LogLevel::info, fmt::format("Local devices could not fence {} ({}): asking the other nodes",
                                    it->second.target, detail));
    ask_peers(it->second);
  };
  run_chain(std::move(chain));
}

void Fencer::ask_peers(Operation& op) {
  op.phase = Phase::querying;
  op.asked.clear();
  pb::PeerMessage m;
  m.mutable_query()->set_op_id(op.id);
  m.mutable_query()->set_target(op.target);
  m.mutable_query()->set_action(action_to_proto(op.action));
  send("", m);
}

void Fencer::finish(const std::string& op_id, bool ok, bool timed_out, const std::string& executioner,
                    const std::string& detail) {
  auto it = operations_.find(op_id);
  if (it == operations_.end()) return;
  Operation op = std::move(it->second);
  operations_.erase(it);
  if (op.timer) seams_.timers.cancel(op.timer);
  if (ok)
    log(LogLevel::info, fmt::format("Succeeded to STONITH the node {}: optype={}. whodoit: {}", op.target,
                                    op_name(op.action), executioner));
  else if (!timed_out)
    log(LogLevel::error, fmt::format("Failed to STONITH the node {}: optype={}, op_result={}", op.target,
                                     op_name(op.action), detail));
  pb::HistoryEntry entry;
  entry.set_op_id(op.id);
  entry.set_target(op.target);
  entry.set_action(action_to_proto(op.action));
  entry.set_state(ok ? pb::DONE : pb::FAILED);
  entry.set_origin(self_);
  entry.set_client(op.client);
  entry.set_executioner(executioner);
  entry.set_completed_ms(wall_ms());
  entry.set_detail(detail);
  record(entry);
  if (seams_.on_completed) seams_.on_completed(entry);
  pb::PeerMessage m;
  *m.mutable_completed() = entry;
  send("", m);
  FenceOutcome outcome{ok, timed_out, executioner, detail};
  for (auto& done : op.waiting) done(outcome);
}

void Fencer::record(const pb::HistoryEntry& entry) {
  auto& list = history_[entry.target()];
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const pb::HistoryEntry& e) { return e.op_id() == entry.op_id(); });
  if (it != list.end()) *it = entry;
  else list.push_back(entry);
  while (list.size() > kHistoryPerTarget) list.pop_front();
}

std::vector<pb::HistoryEntry> Fencer::history(const std::string& target) const {
  std::vector<pb::HistoryEntry> out;
  for (const auto& [t, list] : history_)
    if (target.empty() || same_host(t, target)) out.insert(out.end(), list.begin(), list.end());
  return out;
}

// ---- other nodes ------------------------------------------------------------------------------------

void Fencer::send(const std::string& node, const pb::PeerMessage& message) {
  if (!seams_.send_peer) return;
  if (auto sent = seams_.send_peer(node, encode_peer_message(message)); !sent)
    log(LogLevel::warn, fmt::format("Cannot send to stonithd on {}: {}", node.empty() ? "all nodes" : node,
                                    sent.message()));
}

void Fencer::peer_message(const std::string& from, std::string_view bytes) {
  if (from == self_ || !validate_node(from)) return;
  auto m = decode_peer_message(bytes);
  if (!m) {
    log(LogLevel::warn, fmt::format("Ignoring a message from {}: {}", from, m.error_message()));
    return;
  }
  switch (m->body_case()) {
    case pb::PeerMessage::kQuery: return on_query(from, m->query());
    case pb::PeerMessage::kOffer: return on_offer(from, m->offer());
    case pb::PeerMessage::kExecute: return on_execute(from, m->execute());
    case pb::PeerMessage::kOutcome: return on_outcome(from, m->outcome());
    case pb::PeerMessage::kCompleted:
      record(m->completed());
      if (seams_.on_completed) seams_.on_completed(m->completed());
      return;
    case pb::PeerMessage::BODY_NOT_SET: return;
  }
}

void Fencer::on_query(const std::string& from, const pb::Query& query) {
  if (covering(query.target()).empty() || executing_.contains(query.op_id())) return;
  pb::PeerMessage m;
  m.mutable_offer()->set_op_id(query.op_id());
  send(from, m);
}

void Fencer::on_offer(const std::string& from, const pb::Offer& offer) {
  auto it = operations_.find(offer.op_id());
  if (it == operations_.end()) return;
  Operation& op = it->second;
  if (op.phase != Phase::querying || op.tried.contains(from)) return;
  Millis left = std::chrono::duration_cast<Millis>(op.deadline - seams_.clock.monotonic());
  if (left <= Millis(0)) return;
  op.phase = Phase::remote;
  op.asked = from;
  op.tried.insert(from);
  log(LogLevel::info, fmt::format("Asking {} to fence {} ({})", from, op.target, op_name(op.action)));
  pb::PeerMessage m;
  m.mutable_execute()->set_op_id(op.id);
  m.mutable_execute()->set_target(op.target);
  m.mutable_execute()->set_action(action_to_proto(op.action));
  m.mutable_execute()->set_timeout_ms(static_cast<std::uint64_t>(left.count()));
  send(from, m);
}

void Fencer::on_execute(const std::string& from, const pb::Execute& execute) {
  if (!executing_.insert(execute.op_id()).second) return;
  auto chain = std::make_shared<LocalChain>();
  chain->op_id = execute.op_id();
  chain->target = execute.target();
  chain->action = action_from_proto(execute.action());
  chain->deadline = seams_.clock.monotonic() + Millis(static_cast<Millis::rep>(execute.timeout_ms()));
  log(LogLevel::info, fmt::format("{} asks this node to fence {} ({})", from, chain->target,
                                  op_name(chain->action)));
  chain->done = [this, from, id = execute.op_id()](bool ok, std::string detail) {
    executing_.erase(id);
    pb::PeerMessage m;
    m.mutable_outcome()->set_op_id(id);
    m.mutable_outcome()->set_ok(ok);
    m.mutable_outcome()->set_detail(detail);
    send(from, m);
  };
  run_chain(std::move(chain));
}

void Fencer::on_outcome(const std::string& from, const pb::Outcome& outcome) {
  auto it = operations_.find(outcome.op_id());
  if (it == operations_.end() || it->second.phase != Phase::remote || it->second.asked != from) return;
  if (outcome.ok()) return finish(outcome.op_id(), true, false, from, "");
  log(LogLevel::info, fmt::format("{} could not fence {}: {}", from, it->second.target, outcome.detail()));
  ask_peers(it->second);
}

}  // namespace pacer::stonithd
