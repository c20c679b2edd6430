// IpcServer: a daemon's libqb IPC service ("pacer-cib", ...) carrying framed Protobuf envelopes.
//
// What it guarantees to handlers:
//  * the peer was admitted by the PeerPolicy, on credentials the kernel reported for the socket;
//  * the frame was no larger than max_frame (checked before parsing), had a known version and a
//    type present in the dispatch table.
// Anything else (unknown type, bad frame, a handler saying the request is invalid for the
// connection's state) closes that connection and logs why; the other connections go on.
//
// Threading: single-threaded, on the EventLoop it was started with. The loop must outlive it.
#pragma once

#include <qb/qbipcs.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/ipc/event_loop.h"
#include "common/ipc/fragment.h"
#include "common/ipc/frame.h"
#include "common/ipc/ipc_message.h"
#include "common/ipc/outbox.h"
#include "common/ipc/peer_policy.h"
#include "common/result.h"

namespace pacer::ipc {

using ConnectionId = std::uint64_t;
using IpcLogger = std::function<void(std::string_view line)>;

// Writes to stderr; daemons pass their own logger.
void log_to_stderr(std::string_view line);

// Where a reply goes: kept by a handler that answers later (IpcServer::reply).
struct ReplyTo {
  ConnectionId connection = 0;
  std::uint64_t request_id = 0;  // 0: the client sent one-way and wants no reply
  bool as_event = false;         // the client did not block: reply on the event channel
};

struct IpcRequest {
  ConnectionId connection;
  const PeerCredentials& peer;
  const IpcMessage& message;
  ReplyTo reply_to;
};

// A handler answers with a reply, with nullopt (no reply now: none is wanted, or it comes later
// through IpcServer::reply), or with an error, which means the request is a protocol violation:
// the connection is closed and the error logged.
using IpcHandler = std::function<Result<std::optional<IpcMessage>>(const IpcRequest&)>;

struct IpcServerOptions {
  std::string name;  // the service name clients connect to, e.g. "pacer-cib"
  PeerPolicy policy;  // required: there is no implicit "allow everyone"
  // Largest message, in either direction; frames larger than the ring travel in fragments.
  std::size_t max_frame = kDefaultMaxFrame;
  // Bytes of each of libqb's three shared-memory rings per connection (resident in full).
  std::size_t ring_size = kDefaultRingSize;
  std::function<void(ConnectionId, const PeerCredentials&)> on_connect;
  std::function<void(ConnectionId)> on_disconnect;
  IpcLogger log = log_to_stderr;
};

class IpcServer {
 public:
  // Publishes the service. Fails if the name is taken or libqb cannot set it up.
  static Result<std::unique_ptr<IpcServer>> start(EventLoop& loop, IpcServerOptions options);
  ~IpcServer();
  IpcServer(const IpcServer&) = delete;
  IpcServer& operator=(const IpcServer&) = delete;

  // The dispatch table: one handler per message type. Replaces an earlier handler of that type.
  void handle(std::string type, IpcHandler handler);

  // A reply for a request whose handler returned nullopt. Fails if the connection is gone.
  Status reply(const ReplyTo& to, const IpcMessage& message);
  // Pushes an event to one client. What the client's ring cannot take now is queued and sent as the
  // client reads; a client that lets more than twice max_frame pile up is disconnected rather than
  // allowed to hold the daemon back.
  Status push(ConnectionId connection, const IpcMessage& event);
  // Pushes an event to every connected client; returns how many it reached.
  std::size_t broadcast(const IpcMessage& event);
  // Closes a connection (after the current callback returns), logging `reason`.
  void close(ConnectionId connection, std::string_view reason);

  std::vector<ConnectionId> connections() const;
  std::optional<PeerCredentials> peer(ConnectionId connection) const;
  const std::string& name() const { return options_.name; }

  struct Private {
    explicit Private() = default;
  };
  IpcServer(Private, EventLoop& loop, IpcServerOptions options);  // use start()

 private:
  struct Connection;
  struct ServiceDeleter {
    void operator()(qb_ipcs_service_t* service) const;
  };

  // libqb's callbacks.
  static int32_t on_accept(qb_ipcs_connection_t* c, uid_t uid, gid_t gid);
  static void on_created(qb_ipcs_connection_t* c);
  static int32_t on_message(qb_ipcs_connection_t* c, void* data, size_t size);
  static int32_t on_closed(qb_ipcs_connection_t* c);
  static void on_destroyed(qb_ipcs_connection_t* c);

  void dispatch(Connection& connection, std::span<const std::byte> frame);
  Status send(Connection& connection, const IpcMessage& message, std::uint64_t request_id, bool as_event);
  void close(Connection& connection, std::string_view reason);
  void flush_closes();
  static Outbox::SendChunk chunk_sender(qb_ipcs_connection_t* qb, bool as_event);
  struct Flushed {
    bool progress = false;  // something was sent
    bool waiting = false;   // something is still queued
  };
  Flushed flush(Connection& connection);
  void schedule_flush();
  void flush_outboxes();

  EventLoop& loop_;
  IpcServerOptions options_;
  std::unique_ptr<qb_ipcs_service_t, ServiceDeleter> service_;
  std::unordered_map<std::string, IpcHandler> handlers_;
  std::map<ConnectionId, std::unique_ptr<Connection>> connections_;
  std::vector<ConnectionId> closing_;
  std::optional<TimerId> close_timer_;
  std::optional<TimerId> flush_timer_;  // retries queued output while some client's ring is full
  Millis flush_delay_{0};
  ConnectionId next_id_ = 1;
  std::string send_buffer_;  // reused for every outgoing frame
  bool shutting_down_ = false;
};

}  // namespace pacer::ipc
