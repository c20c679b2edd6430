// IpcClient on libqb: framing on the way out, bounded decoding on the way in, and the event fd in
// the EventLoop for pushed events and asynchronous replies.
#include "common/ipc/ipc_client.h"

#include <poll.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <fmt/format.h>

#include "common/ipc/shm_sweep.h"

namespace pacer::ipc {
namespace {

// A client waits this long for room in the server's request ring before it gives up on the server.
constexpr Millis kSendStallLimit{10'000};

// Waiting for the server to drain its request ring: yield a few times, then sleep briefly.
void wait_for_room(int attempt) {
  if (attempt < 32) {
    sched_yield();
    return;
  }
  const timespec pause{0, 200'000};
  nanosleep(&pause, nullptr);
}

}  // namespace

Result<std::unique_ptr<IpcClient>> IpcClient::connect(EventLoop& loop, const std::string& service,
                                                      IpcClientOptions options) {
  if (!options.log) options.log = log_to_stderr;
  auto client = std::make_unique<IpcClient>(Private(), loop, service, std::move(options));
  if (client->options_.ring_size < kMinChunk)
    return Status::error(fmt::format("IPC service '{}': ring of {} bytes is too small", service,
                                     client->options_.ring_size));
  qb_ipcc_connection_t* qb = qb_ipcc_connect(service.c_str(), client->options_.ring_size);
  if (qb == nullptr) return Status::from_errno(fmt::format("connecting to IPC service '{}'", service));
  client->qb_.reset(qb);

  // Chunks must fit the rings libqb settled on with the server (never smaller than we asked for).
  const int32_t ring = qb_ipcc_get_buffer_size(qb);
  client->max_chunk_ = ring > 0 ? static_cast<std::size_t>(ring) : client->options_.ring_size;
  client->receive_buffer_ = std::make_unique_for_overwrite<std::byte[]>(client->max_chunk_);
  client->responses_.emplace(client->options_.max_frame, client->max_chunk_);
  client->events_.emplace(client->options_.max_frame, client->max_chunk_);

  int32_t fd = -1;
  if (int32_t rc = qb_ipcc_fd_get(qb, &fd); rc != 0)
    return Status::from_errno(fmt::format("IPC service '{}': no event fd", service), -rc);
  IpcClient* self = client.get();
  if (Status s = loop.watch_fd(fd, POLLIN, [self](int, std::uint32_t revents) { self->on_readable(revents); }); !s)
    return s;
  client->event_fd_ = fd;
  client->connected_ = true;
  return client;
}

IpcClient::IpcClient(Private, EventLoop& loop, std::string service, IpcClientOptions options)
    : loop_(loop), service_(std::move(service)), options_(std::move(options)) {}

IpcClient::~IpcClient() {
  if (event_fd_ >= 0) loop_.unwatch_fd(event_fd_);
  release_connection();
}

void IpcClient::release_connection() {
  if (!qb_) return;
  qb_.reset();
  // libqb unlinks the rings of a server it knows to be dead; the directory they were in, and the
  // rings of a server whose death it missed, are ours to remove.
  ShmSweepOptions sweep;
  sweep.client = ::getpid();
  (void)sweep_stale_rings(service_, sweep);
}

Status IpcClient::send_frame(const IpcMessage& message, std::uint64_t request_id, bool reply_as_event) {
  if (!connected_) return Status::error(fmt::format("IPC service '{}': not connected", service_));
  proto::Envelope envelope;
  envelope.set_version(kProtocolVersion);
  envelope.set_type(message.type);
  envelope.set_request_id(request_id);
  envelope.set_payload(message.payload);
  envelope.set_reply_as_event(reply_as_event);
  if (Status s = encode_frame(envelope, options_.max_frame, send_buffer_); !s)
    return s.with_context(fmt::format("IPC service '{}': '{}'", service_, message.type));

  FragmentWriter writer({reinterpret_cast<const std::byte*>(send_buffer_.data()), send_buffer_.size()}, max_chunk_,
                        next_message_id_++);
  for (; !writer.done(); writer.advance()) {
    if (Status s = send_chunk(writer.next(), message); !s) return s;
  }
  return Status::ok();
}

Status IpcClient::send_chunk(const FragmentWriter::Chunk& chunk, const IpcMessage& message) {
  iovec iov[2];
  std::size_t n = 0;
  if (!chunk.header.empty()) iov[n++] = iovec{const_cast<std::byte*>(chunk.header.data()), chunk.header.size()};
  iov[n++] = iovec{const_cast<std::byte*>(chunk.data.data()), chunk.data.size()};
  std::optional<MonoTime> stalled_since;
  for (int attempt = 0;; ++attempt) {
    const ssize_t sent = qb_ipcc_sendv(qb_.get(), iov, n);
    if (sent == static_cast<ssize_t>(chunk.size())) return Status::ok();
    Status failed;
    if (sent == -EAGAIN) {
      // The server's request ring is full (flow control); it drains as the server works. A server
      // that stops draining it for good is given up on, rather than hanging this process.
      const MonoTime now = loop_.clock().monotonic();
      if (!stalled_since) stalled_since = now;
      if (now - *stalled_since < kSendStallLimit) {
        wait_for_room(attempt);
        continue;
      }
      failed = Status::error(fmt::format("IPC service '{}': sending '{}': the server took nothing for {} ms",
                                         service_, message.type, kSendStallLimit.count()));
      disconnected(failed);
      return failed;
    }
    failed = sent < 0 ? Status::from_errno(fmt::format("IPC service '{}': sending '{}'", service_, message.type),
                                           static_cast<int>(-sent))
                      : Status::error(fmt::format("IPC service '{}': short send", service_));
    // A message cut off after some of its fragments cannot be resumed: the connection is done.
    if (!qb_ipcc_is_connected(qb_.get()) || !chunk.header.empty()) disconnected(failed);
    return failed;
  }
}

Result<IpcMessage> IpcClient::request(const IpcMessage& message, Millis timeout) {
  const std::uint64_t id = next_request_id_++;
  if (Status s = send_frame(message, id, false); !s) return s;

  const MonoTime deadline = loop_.clock().monotonic() + timeout;
  for (;;) {
    const auto left = std::chrono::ceil<Millis>(deadline - loop_.clock().monotonic());
    if (left.count() <= 0)
      return Status::error(fmt::format("IPC service '{}': no reply to '{}' within {} ms", service_,
                                       message.type, timeout.count()));
    const ssize_t n = qb_ipcc_recv(qb_.get(), receive_buffer_.get(), max_chunk_, static_cast<int32_t>(left.count()));
    if (n == -EAGAIN || n == -ETIMEDOUT) continue;
    if (n < 0) {
      Status failed = Status::from_errno(fmt::format("IPC service '{}': waiting for the reply to '{}'",
                                                     service_, message.type),
                                         static_cast<int>(-n));
      disconnected(failed);
      return failed;
    }
    Result<std::optional<std::span<const std::byte>>> frame = take_chunk(*responses_, static_cast<std::size_t>(n));
    if (!frame) {
      Status bad = frame.status().with_context(fmt::format("IPC service '{}': reply to '{}'", service_, message.type));
      disconnected(bad);
      return bad;
    }
    if (!frame->has_value()) continue;  // a fragment; the rest follows
    Result<proto::Envelope> reply = decode_frame(**frame, options_.max_frame);
    if (!reply) {
      Status bad = reply.status().with_context(fmt::format("IPC service '{}': reply to '{}'", service_, message.type));
      disconnected(bad);
      return bad;
    }
    if (reply->request_id() < id) continue;  // the late reply to a request that timed out
    if (reply->request_id() != id) {
      Status bad = Status::error(fmt::format("IPC service '{}': reply for request {} while waiting for {}",
                                             service_, reply->request_id(), id));
      disconnected(bad);
      return bad;
    }
    return IpcMessage{std::move(*reply->mutable_type()), std::move(*reply->mutable_payload())};
  }
}

Status IpcClient::send_async(const IpcMessage& message, ReplyCallback on_reply) {
  const std::uint64_t id = next_request_id_++;
  if (Status s = send_frame(message, id, true); !s) return s;
  pending_.emplace(id, std::move(on_reply));
  return Status::ok();
}

Status IpcClient::send(const IpcMessage& message) { return send_frame(message, 0, false); }

void IpcClient::on_readable(std::uint32_t revents) {
  bool got_any = false;
  while (connected_) {
    const ssize_t n = qb_ipcc_event_recv(qb_.get(), receive_buffer_.get(), max_chunk_, 0);
    if (n == -EAGAIN || n == -ETIMEDOUT) break;
    if (n < 0) {
      disconnected(Status::from_errno(fmt::format("IPC service '{}'", service_), static_cast<int>(-n)));
      return;
    }
    got_any = true;
    Result<std::optional<std::span<const std::byte>>> frame = take_chunk(*events_, static_cast<std::size_t>(n));
    if (!frame) {
      disconnected(frame.status().with_context(fmt::format("IPC service '{}': event", service_)));
      return;
    }
    if (frame->has_value()) handle_event(**frame);
  }
  if (connected_ && !got_any && (revents & (POLLHUP | POLLERR)) != 0)
    disconnected(Status::error(fmt::format("IPC service '{}': connection closed by the server", service_)));
}

Result<std::optional<std::span<const std::byte>>> IpcClient::take_chunk(Reassembler& reassembler, std::size_t size) {
  const std::span<const std::byte> chunk{receive_buffer_.get(), size};
  if (is_fragment(chunk)) {
    // Best effort: a full request ring means the server is busy reading, and it polls anyway.
    iovec iov{const_cast<std::byte*>(ack_chunk().data()), kAckSize};
    (void)qb_ipcc_sendv(qb_.get(), &iov, 1);
  }
  return reassembler.feed(chunk);
}

void IpcClient::handle_event(std::span<const std::byte> frame) {
  Result<proto::Envelope> envelope = decode_frame(frame, options_.max_frame);
  if (!envelope) {
    disconnected(envelope.status().with_context(fmt::format("IPC service '{}': event", service_)));
    return;
  }
  IpcMessage message{std::move(*envelope->mutable_type()), std::move(*envelope->mutable_payload())};
  if (envelope->request_id() == 0) {
    if (on_event_) on_event_(message);
    return;
  }
  auto it = pending_.find(envelope->request_id());
  if (it == pending_.end()) {
    disconnected(Status::error(fmt::format("IPC service '{}': reply to unknown request {}", service_,
                                           envelope->request_id())));
    return;
  }
  ReplyCallback callback = std::move(it->second);
  pending_.erase(it);
  callback(std::move(message));
}

void IpcClient::disconnected(const Status& why) {
  if (!connected_) return;
  connected_ = false;
  options_.log(fmt::format("IPC service '{}': disconnected: {}", service_, why.message()));
  if (event_fd_ >= 0) {
    loop_.unwatch_fd(event_fd_);
    event_fd_ = -1;
  }
  // The rings are of no more use; a daemon may keep this object a long time before reconnecting.
  release_connection();
  std::map<std::uint64_t, ReplyCallback> pending;
  pending.swap(pending_);
  for (auto& [id, callback] : pending) callback(why);
  if (on_disconnect_) on_disconnect_(why);
}

}  // namespace pacer::ipc
