// HeartbeatClient: how a daemon or tool talks to the cluster through heartbeatd (the API in
// proto/heartbeat_api.proto). Connects, signs on under a client name (checked against apiauth),
// sends messages to peers' clients, asks for node/link status, and receives pushed events.
//
// Threading: single-threaded on the EventLoop given to connect(), which must outlive the client.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/ipc/ipc_client.h"
#include "heartbeat_api.pb.h"

namespace pacer::heartbeat {

inline constexpr const char* kHeartbeatServiceName = "pacer-heartbeat";

class HeartbeatClient {
 public:
  static Result<std::unique_ptr<HeartbeatClient>> connect(
      ipc::EventLoop& loop, const std::string& client_name,
      const std::string& service = kHeartbeatServiceName);

  const proto::hbapi::SignOnReply& identity() const { return identity_; }
  const std::string& client_name() const { return name_; }

  // Sends `data` to client `to_client` on `to_node` ("" = every node, this one included). When
  // heartbeatd's send queue is full (back-pressure), retries until `timeout`.
  Status send(const std::string& to_node, const std::string& to_client, std::string_view data,
              Millis timeout = Millis(10000));
  Result<proto::hbapi::StatusReply> status(Millis timeout = Millis(5000));
  // Whether `client` is signed on at `node` ("online"/"offline"); an error when `node` does not
  // answer within `timeout`.
  Result<std::string> client_status(const std::string& node, const std::string& client,
                                    Millis timeout = Millis(5000));
  // ccm only: the membership it agreed on.
  Status set_membership(const proto::hbapi::Membership& membership);

  void on_message(std::function<void(const proto::hbapi::Delivered&)> cb) { on_message_ = std::move(cb); }
  void on_node_status(std::function<void(const proto::hbapi::NodeStatus&)> cb) { on_node_ = std::move(cb); }
  void on_link_status(std::function<void(const proto::hbapi::LinkStatus&)> cb) { on_link_ = std::move(cb); }
  void on_membership(std::function<void(const proto::hbapi::Membership&)> cb) { on_membership_ = std::move(cb); }
  void on_disconnect(std::function<void(const Status&)> cb);
  bool connected() const { return ipc_->connected(); }

 private:
  HeartbeatClient() = default;
  void dispatch(const ipc::IpcMessage& event);

  std::unique_ptr<ipc::IpcClient> ipc_;
  std::string name_;
  proto::hbapi::SignOnReply identity_;
  std::function<void(const proto::hbapi::Delivered&)> on_message_;
  std::function<void(const proto::hbapi::NodeStatus&)> on_node_;
  std::function<void(const proto::hbapi::LinkStatus&)> on_link_;
  std::function<void(const proto::hbapi::Membership&)> on_membership_;
};

}  // namespace pacer::heartbeat
