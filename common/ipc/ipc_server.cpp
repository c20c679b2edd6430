// IpcServer on libqb: admission by peer credentials, bounded frame decoding, a dispatch table keyed
// on message type, replies, pushed events and closing a connection on any protocol violation.
#include "common/ipc/ipc_server.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "common/ipc/outbox.h"
#include "common/ipc/qb_poll_glue.h"
#include "common/ipc/shm_sweep.h"

namespace pacer::ipc {
namespace {

// The longest pause between retries of output a client's full ring holds back.
constexpr Millis kMaxFlushDelay{32};

}  // namespace

struct IpcServer::Connection {
  Connection(IpcServer* server, ConnectionId id, qb_ipcs_connection_t* qb, PeerCredentials peer,
             std::size_t max_chunk)
      : server(server),
        id(id),
        qb(qb),
        peer(peer),
        requests(server->options_.max_frame, max_chunk),
        responses(max_chunk, max_queued(server->options_.max_frame)),
        events(max_chunk, max_queued(server->options_.max_frame)) {}
  static std::size_t max_queued(std::size_t max_frame) { return std::max<std::size_t>(2 * max_frame, 1 << 20); }

  IpcServer* server;
  ConnectionId id;
  qb_ipcs_connection_t* qb;
  PeerCredentials peer;
  Reassembler requests;
  Outbox responses;
  Outbox events;
  bool closing = false;
};

void log_to_stderr(std::string_view line) { fmt::print(stderr, "{}\n", line); }

void IpcServer::ServiceDeleter::operator()(qb_ipcs_service_t* service) const {
  qb_ipcs_destroy(service);
}

Result<std::unique_ptr<IpcServer>> IpcServer::start(EventLoop& loop, IpcServerOptions options) {
  if (options.name.empty()) return Status::error("IPC service without a name");
  if (!options.policy) return Status::error(fmt::format("IPC service '{}' without a peer policy", options.name));
  if (!options.log) options.log = log_to_stderr;
  if (options.ring_size < kMinChunk)
    return Status::error(fmt::format("IPC service '{}': ring of {} bytes is too small", options.name, options.ring_size));

  auto server = std::make_unique<IpcServer>(Private(), loop, std::move(options));
  const std::string& name = server->options_.name;
  // Rings an earlier instance of this service left when it was killed with its clients.
  if (std::size_t swept = sweep_stale_rings(name); swept > 0)
    server->options_.log(fmt::format("{}: removed {} stale ring directories from /dev/shm", name, swept));
  qb_ipcs_service_handlers handlers{};
  handlers.connection_accept = on_accept;
  handlers.connection_created = on_created;
  handlers.msg_process = on_message;
  handlers.connection_closed = on_closed;
  handlers.connection_destroyed = on_destroyed;
  // QB_IPC_SHM: shared-memory rings with a socket for wake-ups, what Pacemaker's daemons use.
  qb_ipcs_service_t* service = qb_ipcs_create(name.c_str(), 0, QB_IPC_SHM, &handlers);
  if (service == nullptr) return Status::from_errno(fmt::format("creating IPC service '{}'", name));
  server->service_.reset(service);
  qb_ipcs_service_context_set(service, server.get());
  qb_ipcs_poll_handlers poll = qb_poll_handlers();
  qb_ipcs_poll_handlers_set(service, &poll);
  // Rings are ring_size, whatever max_frame is: larger frames travel in fragments. (libqb lets a
  // client ask for larger rings; only admitted peers can, and a chunk is trusted only up to the
  // connection's ring size, so the length it declares never points past the ring.)
  qb_ipcs_enforce_buffer_size(service, static_cast<uint32_t>(server->options_.ring_size));

  QbLoopScope scope(loop);
  if (int32_t rc = qb_ipcs_run(service); rc != 0) {
    // qb_ipcs_run has already dropped its reference to the service on failure.
    (void)server->service_.release();
    return Status::from_errno(fmt::format("publishing IPC service '{}'", name), -rc);
  }
  return server;
}

IpcServer::IpcServer(Private, EventLoop& loop, IpcServerOptions options)
    : loop_(loop), options_(std::move(options)) {}

IpcServer::~IpcServer() {
  shutting_down_ = true;
  if (close_timer_) loop_.cancel_timer(*close_timer_);
  if (flush_timer_) loop_.cancel_timer(*flush_timer_);
  // libqb may call back for connections while tearing down; let those calls find no context.
  for (auto& [id, connection] : connections_) qb_ipcs_context_set(connection->qb, nullptr);
  QbLoopScope scope(loop_);
  for (auto& [id, connection] : connections_) qb_ipcs_disconnect(connection->qb);
  connections_.clear();
  if (service_) qb_ipcs_service_context_set(service_.get(), nullptr);
  service_.reset();
}

void IpcServer::handle(std::string type, IpcHandler handler) {
  handlers_.insert_or_assign(std::move(type), std::move(handler));
}

int32_t IpcServer::on_accept(qb_ipcs_connection_t* c, uid_t uid, gid_t gid) {
  auto* server = static_cast<IpcServer*>(qb_ipcs_connection_service_context_get(c));
  if (server == nullptr || server->shutting_down_) return -ESHUTDOWN;

  PeerCredentials peer{0, uid, gid};
  qb_ipcs_connection_stats stats{};
  if (qb_ipcs_connection_stats_get(c, &stats, 0) == 0) peer.pid = stats.client_pid;

  if (Status allowed = server->options_.policy(peer); !allowed) {
    server->options_.log(fmt::format("{}: refused a connection: {}", server->options_.name,
                                     allowed.message()));
    return -EACCES;
  }
  // The shared-memory rings belong to the peer alone.
  qb_ipcs_connection_auth_set(c, uid, gid, S_IRUSR | S_IWUSR);
  const ConnectionId id = server->next_id_++;
  // The rings libqb settled on with this client (at least ring_size): the largest chunk either way.
  const int32_t ring = qb_ipcs_connection_get_buffer_size(c);
  const std::size_t max_chunk = ring > 0 ? static_cast<std::size_t>(ring) : server->options_.ring_size;
  auto connection = std::make_unique<Connection>(server, id, c, peer, max_chunk);
  qb_ipcs_context_set(c, connection.get());
  server->connections_.emplace(id, std::move(connection));
  return 0;
}

void IpcServer::on_created(qb_ipcs_connection_t* c) {
  auto* connection = static_cast<Connection*>(qb_ipcs_context_get(c));
  if (connection == nullptr) return;
  IpcServer* server = connection->server;
  if (server->options_.on_connect) server->options_.on_connect(connection->id, connection->peer);
}

int32_t IpcServer::on_message(qb_ipcs_connection_t* c, void* data, size_t size) {
  auto* connection = static_cast<Connection*>(qb_ipcs_context_get(c));
  // Messages that arrive after a violation, before the close takes effect, are dropped unread.
  if (connection == nullptr || connection->closing) return 0;
  // `size` is the length the client wrote into the header, not what was received: the Reassembler
  // checks it against the ring's size before reading further.
  IpcServer* server = connection->server;
  const std::span<const std::byte> chunk{static_cast<const std::byte*>(data), size};
  // An ack only says the client took a fragment off a ring: there may be room for the next.
  if (size == kAckSize && is_ack(chunk)) {
    // What is still waiting after this is left to the retry timer, the fallback for lost acks.
    if (server->flush(*connection).waiting) server->schedule_flush();
    return 0;
  }
  Result<std::optional<std::span<const std::byte>>> frame = connection->requests.feed(chunk);
  if (!frame) {
    server->close(*connection, frame.error_message());
    return 0;
  }
  if (frame->has_value()) server->dispatch(*connection, **frame);
  return 0;
}

int32_t IpcServer::on_closed(qb_ipcs_connection_t* c) {
  auto* connection = static_cast<Connection*>(qb_ipcs_context_get(c));
  if (connection == nullptr) return 0;
  qb_ipcs_context_set(c, nullptr);
  IpcServer* server = connection->server;
  const ConnectionId id = connection->id;
  server->connections_.erase(id);  // destroys *connection
  if (!server->shutting_down_ && server->options_.on_disconnect) server->options_.on_disconnect(id);
  return 0;
}

void IpcServer::on_destroyed(qb_ipcs_connection_t* c) {
  // Normally on_closed has run already; a connection that never became established ends here.
  (void)on_closed(c);
}

void IpcServer::dispatch(Connection& connection, std::span<const std::byte> frame) {
  Result<proto::Envelope> envelope = decode_frame(frame, options_.max_frame);
  if (!envelope) return close(connection, envelope.error_message());

  auto handler = handlers_.find(envelope->type());
  if (handler == handlers_.end())
    return close(connection, fmt::format("unknown message type '{}'", envelope->type()));

  IpcMessage message{std::move(*envelope->mutable_type()), std::move(*envelope->mutable_payload())};
  const ReplyTo reply_to{connection.id, envelope->request_id(), envelope->reply_as_event()};
  // Copy the handler: it may replace itself in the table while running.
  IpcHandler run = handler->second;
  const ConnectionId id = connection.id;
  Result<std::optional<IpcMessage>> answer = run(IpcRequest{id, connection.peer, message, reply_to});

  // The handler may have closed the connection (or all of them); look it up again.
  auto it = connections_.find(id);
  if (it == connections_.end() || it->second->closing) return;
  if (!answer) return close(*it->second, fmt::format("{}: {}", message.type, answer.error_message()));
  if (answer->has_value() && reply_to.request_id != 0)
    (void)send(*it->second, **answer, reply_to.request_id, reply_to.as_event);
}

Status IpcServer::send(Connection& connection, const IpcMessage& message, std::uint64_t request_id,
                       bool as_event) {
  proto::Envelope envelope;
  envelope.set_version(kProtocolVersion);
  envelope.set_type(message.type);
  envelope.set_request_id(request_id);
  envelope.set_payload(message.payload);
  if (Status encoded = encode_frame(envelope, options_.max_frame, send_buffer_); !encoded)
    return encoded.with_context(fmt::format("{}: sending '{}'", options_.name, message.type));

  QbLoopScope scope(loop_);
  Outbox& outbox = as_event ? connection.events : connection.responses;
  Status sent = outbox.send({reinterpret_cast<const std::byte*>(send_buffer_.data()), send_buffer_.size()},
                            chunk_sender(connection.qb, as_event));
  if (!sent) {
    Status failed = sent.with_context(fmt::format("sending '{}'", message.type));
    close(connection, failed.message());
    return failed;
  }
  if (!outbox.empty()) schedule_flush();
  return Status::ok();
}

Outbox::SendChunk IpcServer::chunk_sender(qb_ipcs_connection_t* qb, bool as_event) {
  if (as_event)
    return [qb](std::span<const iovec> chunk) { return qb_ipcs_event_sendv(qb, chunk.data(), chunk.size()); };
  return [qb](std::span<const iovec> chunk) { return qb_ipcs_response_sendv(qb, chunk.data(), chunk.size()); };
}

void IpcServer::schedule_flush() {
  if (flush_timer_ || shutting_down_) return;
  flush_timer_ = loop_.add_timer(flush_delay_, [this] {
    flush_timer_.reset();
    flush_outboxes();
  });
}

IpcServer::Flushed IpcServer::flush(Connection& connection) {
  Flushed flushed;
  if (connection.closing) return flushed;
  QbLoopScope scope(loop_);
  for (bool as_event : {false, true}) {
    Outbox& outbox = as_event ? connection.events : connection.responses;
    if (outbox.empty()) continue;
    Result<bool> pumped = outbox.pump(chunk_sender(connection.qb, as_event));
    if (!pumped) {
      close(connection, pumped.status().with_context("sending queued output").message());
      return flushed;
    }
    flushed.progress = flushed.progress || *pumped;
    flushed.waiting = flushed.waiting || !outbox.empty();
  }
  return flushed;
}

void IpcServer::flush_outboxes() {
  Flushed all;
  for (auto& [id, connection] : connections_) {
    const Flushed one = flush(*connection);
    all.progress = all.progress || one.progress;
    all.waiting = all.waiting || one.waiting;
  }
  // While clients read, retry at once; while they do not, back off.
  flush_delay_ = all.progress ? Millis(0) : std::clamp(flush_delay_ * 2, Millis(1), kMaxFlushDelay);
  if (all.waiting) schedule_flush();
}

Status IpcServer::reply(const ReplyTo& to, const IpcMessage& message) {
  if (to.request_id == 0) return Status::ok();  // one-way request: nobody waits
  auto it = connections_.find(to.connection);
  if (it == connections_.end() || it->second->closing)
    return Status::error(fmt::format("{}: connection {} is gone", options_.name, to.connection));
  return send(*it->second, message, to.request_id, to.as_event);
}

Status IpcServer::push(ConnectionId connection, const IpcMessage& event) {
  auto it = connections_.find(connection);
  if (it == connections_.end() || it->second->closing)
    return Status::error(fmt::format("{}: connection {} is gone", options_.name, connection));
  return send(*it->second, event, 0, true);
}

std::size_t IpcServer::broadcast(const IpcMessage& event) {
  std::size_t reached = 0;
  for (ConnectionId id : connections()) {
    if (push(id, event)) ++reached;
  }
  return reached;
}

void IpcServer::close(ConnectionId connection, std::string_view reason) {
  auto it = connections_.find(connection);
  if (it != connections_.end()) close(*it->second, reason);
}

void IpcServer::close(Connection& connection, std::string_view reason) {
  if (connection.closing) return;
  connection.closing = true;
  options_.log(fmt::format("{}: closing connection {} (pid {}, uid {}): {}", options_.name, connection.id,
                           connection.peer.pid, connection.peer.uid, reason));
  // Not now: we may be inside libqb's dispatch of this very connection, which still uses its
  // buffers after our callback returns.
  closing_.push_back(connection.id);
  if (!close_timer_) close_timer_ = loop_.add_timer(Millis(0), [this] {
    close_timer_.reset();
    flush_closes();
  });
}

void IpcServer::flush_closes() {
  std::vector<ConnectionId> ids;
  ids.swap(closing_);
  QbLoopScope scope(loop_);
  for (ConnectionId id : ids) {
    auto it = connections_.find(id);
    if (it != connections_.end()) qb_ipcs_disconnect(it->second->qb);  // may erase *it
  }
}

std::vector<ConnectionId> IpcServer::connections() const {
  std::vector<ConnectionId> ids;
  for (const auto& [id, connection] : connections_) {
    if (!connection->closing) ids.push_back(id);
  }
  return ids;
}

std::optional<PeerCredentials> IpcServer::peer(ConnectionId connection) const {
  auto it = connections_.find(connection);
  if (it == connections_.end()) return std::nullopt;
  return it->second->peer;
}

}  // namespace pacer::ipc
