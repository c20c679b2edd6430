// The local IPC service of crmd ("pacer-crmd"; 1.0's /var/run/crm/crmd) through which crmadmin
// asks for a controller's state and the DC: "crmd.status" (CrmdStatusRequest) -> CrmdStatus.
// A question about another node is relayed to that node's crmd (StatusQuery) and answered when
// its StatusAnswer arrives, or with an error after 10 s. crm_resource -F sends "crmd.fail"
// (CrmdFailRequest) -> CrmdFailReply: see Controller::fail_resource.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "common/ipc/ipc_server.h"
#include "crmd/controller.h"

namespace pacer::crmd {

inline constexpr const char* kCrmdServiceName = "pacer-crmd";

proto::crmd::CrmdStatus status_of(const Controller& controller);

class StatusService {
 public:
  // Starts the service (root and the haclient group may connect) and takes over
  // controller.on_status_answer.
  static Result<std::unique_ptr<StatusService>> start(ipc::EventLoop& loop, const std::string& name,
                                                      Controller& controller, ipc::IpcLogger log);

 private:
  StatusService(ipc::EventLoop& loop, Controller& controller) : loop_(loop), controller_(controller) {}
  Result<std::optional<ipc::IpcMessage>> handle(const ipc::IpcRequest& request);
  Result<std::optional<ipc::IpcMessage>> handle_fail(const ipc::IpcRequest& request);
  void answered(const std::string& from, const proto::crmd::StatusAnswer& answer);

  ipc::EventLoop& loop_;
  Controller& controller_;
  std::unique_ptr<ipc::IpcServer> server_;
  struct Pending {
    ipc::ReplyTo reply_to;
    std::string node;
    ipc::TimerId timer;
  };
  std::map<std::uint64_t, Pending> pending_;
  std::uint64_t next_id_ = 1;
};

}  // namespace pacer::crmd
