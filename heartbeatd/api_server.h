// The heartbeat client API: the IPC service through which cibd, crmd, attrd, stonithd, ifcheckd,
// ccm and cl_status reach the cluster (proto/heartbeat_api.proto lists the messages).
//
// A connection must sign on before anything else, under a client name that ha.cf's apiauth allows
// for its socket credentials; any other first request closes it. Messages from peers are pushed to
// the local clients signed on under the name they are addressed to; node, link and membership
// changes to every signed-on client.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/config/ha_config.h"
#include "common/ipc/ipc_server.h"
#include "common/log.h"
#include "heartbeat_api.pb.h"
#include "heartbeatd/api_authorization.h"
#include "heartbeatd/client/heartbeat_client.h"
#include "heartbeatd/incoming_stream.h"

namespace pacer::heartbeat {

inline constexpr const char* kHeartbeatService = kHeartbeatServiceName;

// What the API needs from the master control process.
class ApiBackend {
 public:
  virtual ~ApiBackend() = default;
  virtual Status send_to_cluster(const std::string& to_node, const std::string& to_client,
                                 std::string_view data) = 0;
  virtual proto::hbapi::StatusReply status() const = 0;
  virtual proto::hbapi::SignOnReply identity() const = 0;
  // From the ccm client: the membership it agreed on.
  virtual void set_membership(const proto::hbapi::Membership& membership) = 0;
  // Whether `client` is signed on at `node`: answered now for this node, else later through
  // ApiServer::answer_client_status when that node's heartbeatd replies (or the time is up).
  virtual void client_status(const proto::hbapi::ClientStatusRequest& request,
                             const ipc::ReplyTo& reply_to) = 0;
};

class ApiServer {
 public:
  static Result<std::unique_ptr<ApiServer>> start(ipc::EventLoop& loop, const config::HaConfig& config,
                                                  ApiBackend& backend, Logger& log,
                                                  AccountLookup accounts,
                                                  std::string service = kHeartbeatService);

  // A message from a peer: pushed to every local client signed on as its `client`.
  void deliver(const DeliveredMessage& message);
  // Pushes an event ("node_status", "link_status", "membership") to every signed-on client.
  void publish(const std::string& type, const google::protobuf::Message& event);
  std::vector<proto::hbapi::ClientInfo> clients() const;
  bool has_client(const std::string& name) const;
  void answer_client_status(const ipc::ReplyTo& to, const std::string& status);

  struct Private {
    explicit Private() = default;
  };
  ApiServer(Private, const config::HaConfig& config, ApiBackend& backend, Logger& log,
            AccountLookup accounts);

 private:
  struct Client {
    std::string name;
    ipc::PeerCredentials peer;
  };
  void install_handlers();
  Result<const Client*> signed_on(const ipc::IpcRequest& request) const;

  const config::HaConfig& config_;
  ApiBackend& backend_;
  Logger& log_;
  AccountLookup accounts_;
  std::unique_ptr<ipc::IpcServer> server_;
  std::map<ipc::ConnectionId, Client> clients_;
};

}  // namespace pacer::heartbeat
