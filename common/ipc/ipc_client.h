// IpcClient: the client end of a pacer daemon's IPC service. Daemons' client libraries wrap it;
// tools never talk to sockets directly.
//
// Three ways to talk: request() blocks for the reply (with a timeout), send_async() returns at once
// and the reply comes back through the event loop, send() is one-way. Events the server pushes
// arrive through the event loop too. Anything malformed from the server disconnects the client.
//
// Threading: single-threaded, on the EventLoop given to connect(), which must outlive the client.
// Callbacks must not destroy the client they are called from; defer that to the loop.
#pragma once

#include <qb/qbipcc.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/ipc/event_loop.h"
#include "common/ipc/fragment.h"
#include "common/ipc/frame.h"
#include "common/ipc/ipc_message.h"
#include "common/ipc/ipc_server.h"
#include "common/result.h"

namespace pacer::ipc {

struct IpcClientOptions {
  // Largest frame this client sends or receives; the server refuses frames over its own limit.
  // Frames larger than the ring travel in fragments.
  std::size_t max_frame = kDefaultMaxFrame;
  // Bytes of each of libqb's shared-memory rings; the server may make them larger, not smaller.
  std::size_t ring_size = kDefaultRingSize;
  IpcLogger log = log_to_stderr;
};

class IpcClient {
 public:
  using EventCallback = std::function<void(const IpcMessage& event)>;
  using ReplyCallback = std::function<void(Result<IpcMessage> reply)>;
  using DisconnectCallback = std::function<void(const Status& why)>;

  // Connects to `service` ("pacer-cib"). Fails if the service is not running or refuses us.
  static Result<std::unique_ptr<IpcClient>> connect(EventLoop& loop, const std::string& service,
                                                    IpcClientOptions options = {});
  ~IpcClient();
  IpcClient(const IpcClient&) = delete;
  IpcClient& operator=(const IpcClient&) = delete;

  // Sends `message` and waits up to `timeout` for its reply, without running the event loop
  // (events that arrive meanwhile wait for it). A late reply to an earlier, timed-out request is
  // recognised by its request id and skipped.
  Result<IpcMessage> request(const IpcMessage& message, Millis timeout);
  // Sends `message` and calls `on_reply` from the event loop when its reply arrives, or with an
  // error if the connection ends first.
  Status send_async(const IpcMessage& message, ReplyCallback on_reply);
  // Sends `message`; the server sends no reply.
  Status send(const IpcMessage& message);

  void on_event(EventCallback callback) { on_event_ = std::move(callback); }
  void on_disconnect(DisconnectCallback callback) { on_disconnect_ = std::move(callback); }
  bool connected() const { return connected_; }
  const std::string& service() const { return service_; }

  struct Private {
    explicit Private() = default;
  };
  IpcClient(Private, EventLoop& loop, std::string service, IpcClientOptions options);  // use connect()

 private:
  struct ConnectionDeleter {
    // qb_ipcc_is_connected() first: it polls the socket, so libqb learns of a server that died
    // and unlinks the rings itself instead of leaving them in /dev/shm.
    void operator()(qb_ipcc_connection_t* connection) const {
      (void)qb_ipcc_is_connected(connection);
      qb_ipcc_disconnect(connection);
    }
  };

  Status send_frame(const IpcMessage& message, std::uint64_t request_id, bool reply_as_event);
  Status send_chunk(const FragmentWriter::Chunk& chunk, const IpcMessage& message);
  void on_readable(std::uint32_t revents);
  void handle_event(std::span<const std::byte> frame);
  // Feeds a chunk read from the response or event ring to `reassembler`, acking fragments.
  Result<std::optional<std::span<const std::byte>>> take_chunk(Reassembler& reassembler, std::size_t size);
  void disconnected(const Status& why);
  // Lets go of libqb's connection and of ring files a dead server left to this process.
  void release_connection();

  EventLoop& loop_;
  std::string service_;
  IpcClientOptions options_;
  std::unique_ptr<qb_ipcc_connection_t, ConnectionDeleter> qb_;
  int event_fd_ = -1;
  bool connected_ = false;
  std::uint64_t next_request_id_ = 1;
  std::map<std::uint64_t, ReplyCallback> pending_;  // send_async replies not yet received
  EventCallback on_event_;
  DisconnectCallback on_disconnect_;
  std::string send_buffer_;
  std::uint64_t next_message_id_ = 1;  // fragmented messages' ids, for the server's Reassembler
  std::size_t max_chunk_ = 0;           // the rings' size: the largest chunk either way
  // One ring's worth (the largest chunk), left uninitialised: frames larger than that are put
  // together by the Reassemblers, which grow only with what arrives.
  std::unique_ptr<std::byte[]> receive_buffer_;
  std::optional<Reassembler> responses_;
  std::optional<Reassembler> events_;
};

}  // namespace pacer::ipc
