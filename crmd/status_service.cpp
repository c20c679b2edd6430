// crmd's local IPC service; see status_service.h.
#include "crmd/status_service.h"

#include <fmt/format.h>

#include "common/ipc/peer_policy.h"

namespace pacer::crmd {

proto::crmd::CrmdStatus status_of(const Controller& controller) {
  proto::crmd::CrmdStatus status;
  status.set_node(controller.config().node);
  status.set_state(std::string(to_string(controller.state())));
  status.set_dc(controller.dc());
  for (const auto& m : controller.members()) status.add_members(m);
  return status;
}

Result<std::unique_ptr<ipc::IpcServer>> start_status_service(ipc::EventLoop& loop, const std::string& name,
                                                             const Controller& controller,
                                                             ipc::IpcLogger log) {
  auto policy = ipc::root_or_named_group_policy("haclient");
  if (!policy) {
    policy = ipc::PeerPolicy([](const ipc::PeerCredentials& peer) {
      return peer.uid == 0 ? Status::ok() : Status::error(fmt::format("uid {} is not root", peer.uid));
    });
  }
  ipc::IpcServerOptions options;
  options.name = name;
  options.policy = std::move(*policy);
  options.log = std::move(log);
  auto server = ipc::IpcServer::start(loop, std::move(options));
  if (!server) return server.status();
  (*server)->handle("crmd.status", [&controller](const ipc::IpcRequest&) -> Result<std::optional<ipc::IpcMessage>> {
    return std::optional<ipc::IpcMessage>(ipc::make_message("crmd.status_reply", status_of(controller)));
  });
  return server;
}

}  // namespace pacer::crmd
