// StonithdClient: how crmd, stonith_admin and lrmd's stonith helper talk to the local stonithd
// over "pacer-stonithd" (or $PACER_STONITHD_SERVICE). Every call blocks for stonithd's answer
// without running the loop; fence() blocks until the fencing completed (or its timeout plus a
// margin passed). Completed fencings anywhere in the cluster arrive through on_fenced().
//
// Threading: single-threaded, on the EventLoop given to connect(), which must outlive the client.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/ipc/ipc_client.h"
#include "stonithd.pb.h"
#include "stonithd/fence_device.h"

namespace pacer::stonithd {

class StonithdClient {
 public:
  static Result<std::unique_ptr<StonithdClient>> connect(ipc::EventLoop& loop, std::string service = "");

  // lrmd's side: the reply carries the OCF rc (0, 1 status failed, 2 no hosts, 7 not registered).
  Result<proto::stonithd::Reply> register_device(const std::string& id, const std::string& type,
                                                 const std::map<std::string, std::string>& params,
                                                 Millis timeout);
  Result<proto::stonithd::Reply> unregister_device(const std::string& id, Millis timeout = Millis(10000));
  Result<proto::stonithd::Reply> device_status(const std::string& id, Millis timeout);

  // `timeout` is the fencing's (the cluster's stonith-timeout); the call waits a little longer.
  Result<proto::stonithd::FenceReply> fence(const std::string& target, FenceAction action, Millis timeout,
                                            const std::string& client_name);
  // The same without blocking (crmd): `done` runs on the loop when stonithd answered, or with an
  // error when the connection ended first.
  Status fence_async(const std::string& target, FenceAction action, Millis timeout, const std::string& client_name,
                     std::function<void(Result<proto::stonithd::FenceReply>)> done);
  Result<std::vector<proto::stonithd::DeviceInfo>> list(const std::string& target = "");
  Result<std::vector<proto::stonithd::HistoryEntry>> history(const std::string& target = "");

  void on_fenced(std::function<void(const proto::stonithd::HistoryEntry&)> cb) { on_fenced_ = std::move(cb); }
  void on_disconnect(std::function<void(const Status&)> cb) { ipc_->on_disconnect(std::move(cb)); }
  bool connected() const { return ipc_->connected(); }

 private:
  explicit StonithdClient(std::unique_ptr<ipc::IpcClient> ipc) : ipc_(std::move(ipc)) {}
  std::unique_ptr<ipc::IpcClient> ipc_;
  std::function<void(const proto::stonithd::HistoryEntry&)> on_fenced_;
};

}  // namespace pacer::stonithd
