#include "heartbeatd/master_control.h"

#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "heartbeatd/media_socket.h"

namespace pacer::heartbeat {
namespace {

constexpr Millis kCommRetry{10000};
// Reserved client name for heartbeatd-to-heartbeatd messages; no API client may sign on as it.
constexpr const char* kMcpClient = "__heartbeat";
constexpr Millis kQuickCoreDeath{1000};

std::vector<std::string> child_environment(const config::HaConfig& c) {
  std::vector<std::string> env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"};
  // Pacemaker's daemons and the resource agents' ocf-shellfuncs read these names.
  if (c.logfacility) {
    env.push_back("HA_logfacility=" + *c.logfacility);
    env.push_back("HA_LOGFACILITY=" + *c.logfacility);
  }
  if (c.logfile) env.push_back("HA_logfile=" + *c.logfile);
  if (c.debugfile) env.push_back("HA_debugfile=" + *c.debugfile);
  env.push_back(fmt::format("HA_debug={}", c.debug));
  for (const auto& e : c.env) env.push_back(e.name + "=" + e.value);
  return env;
}

Millis tick_interval(Millis keepalive) {
  return std::clamp(keepalive / 4, Millis(20), Millis(250));
}

}  // namespace

MasterControl::MasterControl(ipc::EventLoop& loop, config::HaConfig config, config::AuthKeys keys,
                             LogSettings log_settings, Logger& log, ProcessTitle& title,
                             NodeReset& reset, FileSystem& fs, McpPaths paths)
    : loop_(loop), config_(std::move(config)), log_settings_(std::move(log_settings)), log_(log),
      title_(title), reset_(reset), fs_(fs), paths_(std::move(paths)), keys_(std::move(keys)) {}

MasterControl::~MasterControl() {
  if (tick_timer_) loop_.cancel_timer(*tick_timer_);
  for (auto& m : media_)
    if (m.retry) loop_.cancel_timer(*m.retry);
  for (size_t i = 0; i < cores_.size(); ++i) stop_core(i, SIGKILL);
}

// The directories the daemons running as hacluster write to. A package creates them; heartbeatd
// makes sure they exist (a fresh node, a wiped /var/lib/pacer), since cib is failfast and would
// otherwise take the node down at its first start.
void MasterControl::prepare_state_directories() {
  const std::string& base = paths_.identity.state_dir;
  std::vector<char> buffer(16384);
  passwd pw{};
  passwd* hacluster = nullptr;
  ::getpwnam_r("hacluster", &pw, buffer.data(), buffer.size(), &hacluster);
  for (const char* sub : {"cib", "pengine"}) {
    std::string dir = base + "/" + sub;
    if (auto s = fs_.make_directories(dir, 0750); !s) {
      log_.error("{}", s.message());
      continue;
    }
    if (hacluster && ::chown(dir.c_str(), hacluster->pw_uid, hacluster->pw_gid) != 0)
      log_.error("chown {}: {}", dir, std::strerror(errno));
  }
}

Status MasterControl::start() {
  const std::string& node = config_.local_node;
  prepare_state_directories();
  auto uuid = load_or_create_node_uuid(fs_, paths_.identity,
                                       config_.uuidfrom == config::UuidFrom::nodename, node);
  if (!uuid) return uuid.status();
  uuid_ = *uuid;
  auto generation = next_generation(fs_, paths_.identity);
  if (!generation) return generation.status();
  generation_ = *generation;
  auto hostcache = HostCache::load(fs_, paths_.identity);
  if (!hostcache) return hostcache.status();
  hostcache_ = std::move(*hostcache);
  if (auto r = hostcache_->remember(fs_, paths_.identity, node, uuid_); !r)
    log_.error("hostcache: {}", r.error_message());
  if (auto st = fs_.stat(paths_.authkeys)) authkeys_mtime_ = st->modified;
  if (auto st = fs_.stat(paths_.ha_cf)) ha_cf_mtime_ = st->modified;

  log_.info("Configuration validated. Starting heartbeat {}", PACER_VERSION);
  for (const auto& w : config_.warnings) log_.warn("{}", w);
  log_.info("heartbeat: version {}", PACER_VERSION);
  log_.info("Heartbeat generation: {}", generation_);

  if (config_.watchdog_device) {
    auto wd = WatchdogDevice::open(*config_.watchdog_device, config_.watchdog_timeout);
    if (wd) {
      watchdog_ = std::move(*wd);
      log_.info("Watchdog device {} opened; timeout {} s", *config_.watchdog_device,
                config_.watchdog_timeout.count());
    } else {
      log_.error("{}", wd.error_message());
    }
  }

  // The media: a reader and a writer each. A ucast line naming one of our own addresses is the
  // line other nodes use to reach us: skip it.
  std::vector<std::string> interfaces;
  for (const auto& m : config_.media) {
    if (m.kind == config::MediumKind::ucast && is_local_address(m.peer)) continue;
    if (m.kind != config::MediumKind::bcast && m.kind != config::MediumKind::mcast &&
        m.kind != config::MediumKind::ucast) {
      log_.error("Medium [{}] is not supported by pacer; ignored", config::medium_name(m));
      continue;
    }
    size_t index = medium_configs_.size();
    medium_configs_.push_back(m);
    interfaces.push_back(m.interface);
    Medium medium;
    medium.writer = cores_.size();
    cores_.push_back({CoreSpec{CoreRole::medium_writer, index, m, {}}, std::nullopt, {}});
    medium.reader = cores_.size();
    cores_.push_back({CoreSpec{CoreRole::medium_reader, index, m, {}}, std::nullopt, {}});
    media_.push_back(medium);
  }
  if (media_.empty()) return Status::error("no usable communication medium");
  cores_.push_back({CoreSpec{CoreRole::fifo_reader, 0, {}, paths_.fifo}, std::nullopt, {}});

  MessagingConfig mc;
  mc.local_node = node;
  mc.local_uuid = uuid_;
  mc.generation = generation_;
  mc.nodes = config_.nodes;
  mc.accept_unknown_nodes = config_.autojoin != config::Autojoin::none;
  mc.interfaces = interfaces;
  mc.timing = {config_.keepalive, config_.deadtime, config_.warntime, config_.initdead};
  mc.outgoing.compression_threshold = static_cast<size_t>(config_.compression_threshold_kb) * 1024;
  mc.incoming.retransmit_delay = config_.max_rexmit_delay;
  messaging_ = std::make_unique<MessagingLayer>(mc, keys_, loop_.clock().monotonic());

  auto api = ApiServer::start(loop_, config_, *this, log_, system_accounts(), paths_.api_service);
  if (!api) return api.status();
  api_ = std::move(*api);

  for (size_t i = 0; i < cores_.size(); ++i)
    if (auto s = start_core(i); !s) log_.error("{}", s.message());

  tick_timer_ = loop_.add_repeating_timer(tick_interval(config_.keepalive), [this] { tick(); });
  log_.info("Local status now set to: 'up'");
  tick();

  children_ = std::make_unique<ManagedChildren>(loop_, log_, reset_, config_.children,
                                                child_environment(config_), config_.keepalive);
  children_->start_all();
  return Status::ok();
}

Status MasterControl::start_core(size_t index) {
  CoreSlot& slot = cores_[index];
  auto handle = start_core_process(slot.spec, title_, log_settings_, loop_.clock().monotonic());
  if (!handle) return handle.status();
  slot.pidfd = UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, handle->pid, 0)));
  slot.handle = std::move(*handle);
  if (auto s = loop_.watch_fd(slot.handle->channel.get(), POLLIN,
                              [this, index](int, uint32_t) { on_core_readable(index); });
      !s)
    return s;
  if (slot.pidfd)
    (void)loop_.watch_fd(slot.pidfd.get(), POLLIN, [this, index](int, uint32_t) { on_core_death(index); });
  return Status::ok();
}

void MasterControl::stop_core(size_t index, int signo) {
  CoreSlot& slot = cores_[index];
  if (slot.handle && slot.handle->pid > 0) ::kill(slot.handle->pid, signo);
}

size_t MasterControl::medium_of(size_t core) const { return cores_[core].spec.medium_index; }

void MasterControl::on_core_readable(size_t index) {
  CoreSlot& slot = cores_[index];
  if (!slot.handle) return;
  Outbox out;
  MonoTime now = loop_.clock().monotonic();
  std::string buffer(65536, '\0');
  for (int budget = 0; budget < 4096; ++budget) {
    ssize_t n = ::recv(slot.handle->channel.get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n < 0) break;
    if (n == 0) {
      // The core process is gone; its pidfd reports the death.
      loop_.unwatch_fd(slot.handle->channel.get());
      break;
    }
    std::string_view bytes(buffer.data(), static_cast<size_t>(n));
    if (slot.spec.role == CoreRole::medium_reader)
      messaging_->on_datagram(slot.spec.medium_index, bytes, now, out);
    else if (slot.spec.role == CoreRole::fifo_reader)
      log_.info("Received FIFO request: {}", bytes);
  }
  flush(out);
}

void MasterControl::on_core_death(size_t index) {
  CoreSlot& slot = cores_[index];
  if (!slot.handle) return;
  loop_.unwatch_fd(slot.pidfd.get());
  loop_.unwatch_fd(slot.handle->channel.get());
  int status = 0;
  ::waitpid(slot.handle->pid, &status, 0);
  slot.handle.reset();
  slot.pidfd.reset();
  if (shutting_down_) return;

  if (slot.spec.role == CoreRole::fifo_reader) {
    log_.warn("Restarting HBFIFO process.");
    if (auto s = start_core(index); !s) log_.error("HBFIFO restart failed.  Restarting heartbeat.");
    return;
  }
  size_t n = medium_of(index);
  Medium& medium = media_[n];
  size_t partner = index == medium.reader ? medium.writer : medium.reader;
  if (!medium.restarting) {
    medium.restarting = true;
    log_.error("{} process died.  Beginning communications restart process for comm channel {}.",
               slot.spec.short_name(), n);
    stop_core(partner, SIGTERM);
  }
  if (cores_[partner].handle) return;  // the partner's death completes the pair
  log_.error("Both comm processes for channel {} have died.  Restarting.", n);
  bool quick = medium.restarted_at && loop_.clock().monotonic() - *medium.restarted_at < kQuickCoreDeath;
  if (quick) {
    // It died right after a restart: the medium cannot work now (interface gone, port taken).
    log_.error("Communications restart failed. Will try again later.");
    medium.retry = loop_.add_timer(kCommRetry, [this, n] { restart_medium(n); });
    return;
  }
  restart_medium(n);
}

void MasterControl::restart_medium(size_t n) {
  Medium& medium = media_[n];
  medium.retry.reset();
  medium.restarted_at = loop_.clock().monotonic();
  Status reader = start_core(medium.reader);
  Status writer = start_core(medium.writer);
  if (reader && writer) {
    medium.restarting = false;
    log_.info("Communications restart succeeded.");
    return;
  }
  log_.error("Communications restart failed. Will try again later.");
  stop_core(medium.reader, SIGTERM);
  stop_core(medium.writer, SIGTERM);
  medium.retry = loop_.add_timer(kCommRetry, [this, n] { restart_medium(n); });
}

void MasterControl::flush(Outbox& out) {
  for (const auto& d : out.datagrams)
    for (const auto& m : media_) {
      const CoreSlot& w = cores_[m.writer];
      // A full channel drops the packet on that medium, as a congested network would.
      if (w.handle) (void)::send(w.handle->channel.get(), d.data(), d.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    }
  for (const auto& line : out.log) log_.log(line.level, line.text);
  for (const auto& [node, uuid] : out.learned_uuids) {
    if (auto r = hostcache_->remember(fs_, paths_.identity, node, uuid); !r)
      log_.error("hostcache: {}", r.error_message());
  }
  if (api_) {
    for (const auto& m : out.delivered) {
      if (m.client == kMcpClient)
        on_mcp_message(m);
      else
        api_->deliver(m);
    }
    for (const auto& e : out.liveness) {
      using Kind = LivenessEvent::Kind;
      if (e.kind == Kind::link_up || e.kind == Kind::link_dead) {
        proto::hbapi::LinkStatus ev;
        ev.set_node(e.node);
        ev.set_interface(e.interface);
        ev.set_status(e.kind == Kind::link_up ? "up" : "dead");
        api_->publish("link_status", ev);
      } else if (e.kind == Kind::node_active || e.kind == Kind::node_dead) {
        proto::hbapi::NodeStatus ev;
        ev.set_node(e.node);
        ev.set_uuid(messaging_->uuid_of(e.node).value_or(""));
        ev.set_status(e.kind == Kind::node_active ? "active" : "dead");
        ev.set_type("normal");
        api_->publish("node_status", ev);
      }
    }
  }
}

void MasterControl::tick() {
  Outbox out;
  messaging_->on_tick(loop_.clock().monotonic(), out);
  flush(out);
  // The MCP's loop is alive: the watchdog guards against it dying or hanging.
  if (watchdog_) watchdog_->feed();
}

Status MasterControl::send_to_cluster(const std::string& to_node, const std::string& to_client,
                                      std::string_view data) {
  if (shutting_down_ && to_client != "crmd" && to_client != "cib")
    return Status::error("heartbeat is shutting down");
  Outbox out;
  if (to_node.empty() || to_node == config_.local_node) {
    // Heartbeat delivered cluster-wide messages to the sender's node too.
    out.delivered.push_back({config_.local_node, to_node, to_client, std::string(data)});
  }
  if (to_node != config_.local_node) {
    if (auto s = messaging_->send(to_node, to_client, data, out); !s) return s;
  }
  flush(out);
  return Status::ok();
}

proto::hbapi::StatusReply MasterControl::status() const {
  proto::hbapi::StatusReply reply;
  reply.set_local_node(config_.local_node);
  reply.set_status(shutting_down_ ? "shutting-down" : "active");
  const Liveness& live = messaging_->liveness();
  for (const auto& iface : live.interfaces()) reply.add_interfaces(iface);
  for (const auto& node : live.nodes()) {
    auto* n = reply.add_nodes();
    n->set_node(node);
    n->set_uuid(messaging_->uuid_of(node).value_or(hostcache_ ? hostcache_->uuid_of(node).value_or("") : ""));
    n->set_status(std::string(to_string(live.node_status(node))));
    n->set_type("normal");
    for (const auto& iface : live.interfaces()) {
      auto* l = reply.add_links();
      l->set_node(node);
      l->set_interface(iface);
      l->set_status(std::string(to_string(live.link_status(node, iface).value_or(LinkStatus::dead))));
    }
  }
  for (const auto& host : config_.ping_hosts) {
    auto* n = reply.add_nodes();
    n->set_node(host);
    n->set_status("ping");
    n->set_type("ping");
  }
  for (size_t r = 0; r < static_cast<size_t>(DropReason::count_); ++r) {
    auto reason = static_cast<DropReason>(r);
    if (reason == DropReason::from_self) continue;
    auto* d = reply.add_drops();
    d->set_reason(std::string(to_string(reason)));
    d->set_count(messaging_->drops().count(reason));
  }
  *reply.mutable_membership() = membership_;
  return reply;
}

proto::hbapi::SignOnReply MasterControl::identity() const {
  proto::hbapi::SignOnReply reply;
  reply.set_node(config_.local_node);
  reply.set_uuid(uuid_);
  reply.set_keepalive_ms(static_cast<uint32_t>(config_.keepalive.count()));
  reply.set_deadtime_ms(static_cast<uint32_t>(config_.deadtime.count()));
  return reply;
}

void MasterControl::set_membership(const proto::hbapi::Membership& membership) {
  if (membership.instance() == membership_.instance() && membership_.members_size() == membership.members_size())
    return;
  membership_ = membership;
  std::string members;
  for (const auto& m : membership.members()) members += (members.empty() ? "" : " ") + m;
  log_.info("Membership instance {}: [{}] leader {}, {}", membership.instance(), members,
            membership.leader(), membership.quorate() ? "quorum" : "no quorum");
  api_->publish("membership", membership);
}

void MasterControl::client_status(const proto::hbapi::ClientStatusRequest& request,
                                  const ipc::ReplyTo& reply_to) {
  if (request.node() == config_.local_node) {
    api_->answer_client_status(reply_to, api_->has_client(request.client()) ? "online" : "offline");
    return;
  }
  if (messaging_->liveness().node_status(request.node()) != NodeStatus::active) {
    api_->answer_client_status(reply_to, "offline");
    return;
  }
  uint64_t id = next_query_id_++;
  proto::hbapi::McpMessage query;
  query.set_request_id(id);
  query.set_requester(config_.local_node);
  query.set_client(request.client());
  Millis timeout(request.timeout_ms() > 0 ? request.timeout_ms() : 5000);
  auto timer = loop_.add_timer(timeout, [this, id] {
    auto it = client_queries_.find(id);
    if (it == client_queries_.end()) return;
    api_->answer_client_status(it->second.reply_to, "");
    client_queries_.erase(it);
  });
  client_queries_[id] = {reply_to, timer};
  if (auto s = send_to_cluster(request.node(), kMcpClient, query.SerializeAsString()); !s) {
    loop_.cancel_timer(timer);
    client_queries_.erase(id);
    api_->answer_client_status(reply_to, "");
  }
}

void MasterControl::on_mcp_message(const DeliveredMessage& message) {
  proto::hbapi::McpMessage m;
  if (!m.ParseFromString(message.data)) {
    log_.warn("malformed heartbeat-to-heartbeat message from {}", message.from_node);
    return;
  }
  if (!m.is_answer()) {
    if (message.from_node == config_.local_node) return;
    proto::hbapi::McpMessage answer = m;
    answer.set_is_answer(true);
    answer.set_status(api_->has_client(m.client()) ? "online" : "offline");
    (void)send_to_cluster(m.requester(), kMcpClient, answer.SerializeAsString());
    return;
  }
  auto it = client_queries_.find(m.request_id());
  if (m.requester() != config_.local_node || it == client_queries_.end()) return;
  loop_.cancel_timer(it->second.timer);
  api_->answer_client_status(it->second.reply_to, m.status());
  client_queries_.erase(it);
}

void MasterControl::shutdown(std::function<void()> done) {
  if (shutting_down_) return;
  shutting_down_ = true;
  messaging_->set_status("shutting-down");
  auto finish = [this, done = std::move(done)] {
    for (size_t i = 0; i < cores_.size(); ++i) stop_core(i, SIGTERM);
    if (watchdog_) watchdog_->disarm();
    log_.info("{} Heartbeat shutdown complete.", config_.local_node);
    done();
  };
  if (children_)
    children_->stop_all(std::move(finish));
  else
    finish();
}

void MasterControl::reload(std::function<void()> restart) {
  auto ha_cf = fs_.stat(paths_.ha_cf);
  if (ha_cf && ha_cf->modified != ha_cf_mtime_) {
    log_.info("Configuration file {} changed: restarting heartbeat.", paths_.ha_cf);
    shutdown(std::move(restart));
    return;
  }
  auto authkeys = fs_.stat(paths_.authkeys);
  if (authkeys && authkeys->modified != authkeys_mtime_) {
    authkeys_mtime_ = authkeys->modified;
    log_.info("Rereading authentication file.");
    auto keys = config::load_authkeys(paths_.authkeys);
    if (!keys) {
      log_.error("{}", keys.error_message());
      shutdown([this] { loop_.stop(); });
      return;
    }
    keys_ = *keys;
    messaging_->set_keys(*keys);
    return;
  }
  log_.info("Configuration unchanged.");
}

}  // namespace pacer::heartbeat
