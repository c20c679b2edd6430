// The local IPC service of crmd ("pacer-crmd"; 1.0's /var/run/crm/crmd) through which crmadmin
// asks for the controller's state and the DC: "crmd.status" -> proto CrmdStatus.
#pragma once

#include <memory>
#include <string>

#include "common/ipc/ipc_server.h"
#include "crmd/controller.h"

namespace pacer::crmd {

inline constexpr const char* kCrmdServiceName = "pacer-crmd";

proto::crmd::CrmdStatus status_of(const Controller& controller);

// Starts the service (root and the haclient group may connect).
Result<std::unique_ptr<ipc::IpcServer>> start_status_service(ipc::EventLoop& loop, const std::string& name,
                                                             const Controller& controller,
                                                             ipc::IpcLogger log);

}  // namespace pacer::crmd
