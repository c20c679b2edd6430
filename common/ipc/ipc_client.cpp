// IpcClient on libqb: framing on the way out, bounded decoding on the way in, and the event fd in
// the EventLoop for pushed events and asynchronous replies.
#include "common/ipc/ipc_client.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>

#include <fmt/format.h>

namespace pacer::ipc {

Result<std::unique_ptr<IpcClient>> IpcClient::connect(EventLoop& loop, const std::string& service,
                                                      IpcClientOptions options) {
  if (!options.log) options.log = log_to_stderr;
  auto client = std::make_unique<IpcClient>(Private(), loop, service, std::move(options));
  qb_ipcc_connection_t* qb = qb_ipcc_connect(service.c_str(), client->options_.max_frame);
  if (qb == nullptr) return Status::from_errno(fmt::format("connecting to IPC service '{}'", service));
  client->qb_.reset(qb);

  // Frames must fit the buffers libqb settled on with the server.
  if (int32_t size = qb_ipcc_get_buffer_size(qb); size > 0)
    client->options_.max_frame = std::min(client->options_.max_frame, static_cast<std::size_t>(size));
  client->receive_buffer_ = std::make_unique_for_overwrite<std::byte[]>(client->options_.max_frame);
  client->receive_buffer_size_ = client->options_.max_frame;

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

  iovec iov{send_buffer_.data(), send_buffer_.size()};
  for (;;) {
    const ssize_t sent = qb_ipcc_sendv(qb_.get(), &iov, 1);
    if (sent == static_cast<ssize_t>(send_buffer_.size())) return Status::ok();
    // EAGAIN: the server's request ring is full (flow control); it drains as the server works.
    if (sent == -EAGAIN) continue;
    Status failed = sent < 0 ? Status::from_errno(fmt::format("IPC service '{}': sending '{}'", service_, message.type),
                                                  static_cast<int>(-sent))
                             : Status::error(fmt::format("IPC service '{}': short send", service_));
    if (!qb_ipcc_is_connected(qb_.get())) disconnected(failed);
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
    const ssize_t n = qb_ipcc_recv(qb_.get(), receive_buffer_.get(), receive_buffer_size_,
                                   static_cast<int32_t>(left.count()));
    if (n == -EAGAIN || n == -ETIMEDOUT) continue;
    if (n < 0) {
      Status failed = Status::from_errno(fmt::format("IPC service '{}': waiting for the reply to '{}'",
                                                     service_, message.type),
                                         static_cast<int>(-n));
      disconnected(failed);
      return failed;
    }
    Result<proto::Envelope> reply =
        decode_frame({receive_buffer_.get(), static_cast<std::size_t>(n)}, options_.max_frame);
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
    const ssize_t n = qb_ipcc_event_recv(qb_.get(), receive_buffer_.get(), receive_buffer_size_, 0);
    if (n == -EAGAIN || n == -ETIMEDOUT) break;
    if (n < 0) {
      disconnected(Status::from_errno(fmt::format("IPC service '{}'", service_), static_cast<int>(-n)));
      return;
    }
    got_any = true;
    handle_event({receive_buffer_.get(), static_cast<std::size_t>(n)});
  }
  if (connected_ && !got_any && (revents & (POLLHUP | POLLERR)) != 0)
    disconnected(Status::error(fmt::format("IPC service '{}': connection closed by the server", service_)));
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
  std::map<std::uint64_t, ReplyCallback> pending;
  pending.swap(pending_);
  for (auto& [id, callback] : pending) callback(why);
  if (on_disconnect_) on_disconnect_(why);
}

}  // namespace pacer::ipc
