// LrmdService: lrmd's IPC face. It publishes the service (default "pacer-lrmd"), maps each request
// type of lrmd_protocol.h to a ResourceManager call, pushes every result to the connection that
// asked for the operation ("lrmd.op_result"), and stops a connection's recurring operations when
// it goes away.
//
// Errors a client can cause by asking (no such resource, unknown class) come back in the reply;
// a malformed payload or an unknown protocol version is a protocol violation and closes the
// connection (IpcServer's rule).
// Threading: the event loop's thread. The manager must outlive the service.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/ipc/ipc_server.h"
#include "lrmd/resource_manager.h"

namespace pacer::lrmd {

struct ServiceOptions {
  std::string name = std::string(kDefaultServiceName);
  ipc::PeerPolicy policy;  // required
  ipc::IpcLogger log = ipc::log_to_stderr;
  // Called when a client changes max-children (the executor may need more threads).
  std::function<void(size_t)> on_max_children;
};

class LrmdService {
 public:
  static Result<std::unique_ptr<LrmdService>> start(ipc::EventLoop& loop, ResourceManager& manager,
                                                    ServiceOptions options);
  ~LrmdService();
  LrmdService(const LrmdService&) = delete;
  LrmdService& operator=(const LrmdService&) = delete;

  ipc::IpcServer& server() { return *server_; }

  struct Private {
    explicit Private() = default;
  };
  LrmdService(Private, ResourceManager& manager, ServiceOptions options);

 private:
  void install_handlers();

  ResourceManager& manager_;
  ServiceOptions options_;
  std::unique_ptr<ipc::IpcServer> server_;
};

}  // namespace pacer::lrmd
