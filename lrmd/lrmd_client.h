// LrmdClient: what crmd and pacer-lrmadmin use to talk to lrmd. Requests block for lrmd's reply
// (bounded by `request_timeout`); operation results arrive as events through the event loop and go
// to on_result(). wait_for_result() runs the loop until one call's result is in.
//
// Losing the connection (lrmd died) is reported through on_disconnect: crmd logs
// "LRM Connection failed" and exits, which reboots the node (failure-table.md).
// Threading: single-threaded, on the loop given to connect(), which must outlive the client.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/ipc/ipc_client.h"
#include "lrmd/lrmd_types.h"

namespace pacer::proto::lrmd {
class Reply;
}

namespace pacer::lrmd {

class LrmdClient {
 public:
  static Result<std::unique_ptr<LrmdClient>> connect(
      ipc::EventLoop& loop, const std::string& service = std::string(kDefaultServiceName),
      Millis request_timeout = Millis(30000));

  Status register_resource(const ResourceSpec& spec);
  Status unregister_resource(const std::string& rsc_id);
  // Cancels every operation of the resource.
  Status flush(const std::string& rsc_id);
  Result<ResourceSpec> get_resource(const std::string& rsc_id);
  // Queues an operation; returns its call id. Its result(s) arrive through on_result.
  Result<int> perform(const OperationRequest& request);
  Status cancel(const std::string& rsc_id, int call_id);
  // Every resource (or one) with the last result of each operation and its recurring ops.
  Result<std::vector<ResourceState>> state(const std::string& rsc_id = "");

  Result<std::vector<std::string>> classes();
  Result<std::vector<std::string>> types(const std::string& rclass, const std::string& provider = "");
  Result<std::vector<std::string>> providers(const std::string& rclass, const std::string& type = "");
  Result<std::string> metadata(const std::string& rclass, const std::string& type,
                               const std::string& provider = "");
  Status set_param(const std::string& name, const std::string& value);
  Result<std::string> get_param(const std::string& name);

  void on_result(std::function<void(const OperationResult&)> callback) { on_result_ = std::move(callback); }
  void on_disconnect(std::function<void(const Status&)> callback);
  bool connected() const { return ipc_->connected(); }

  // Runs the loop until the result of `call_id` arrived (it is also passed to on_result), or
  // `timeout` passed.
  Result<OperationResult> wait_for_result(int call_id, Millis timeout);

  struct Private {
    explicit Private() = default;
  };
  LrmdClient(Private, ipc::EventLoop& loop, std::unique_ptr<ipc::IpcClient> ipc, Millis timeout);

 private:
  // One request and its "lrmd.reply"; an error in the reply becomes the Status.
  template <typename Message>
  Status call(std::string_view type, const Message& message, proto::lrmd::Reply& reply);
  void handle_event(const ipc::IpcMessage& event);

  ipc::EventLoop& loop_;
  std::unique_ptr<ipc::IpcClient> ipc_;
  Millis timeout_;
  std::function<void(const OperationResult&)> on_result_;
  static constexpr size_t kMaxKeptResults = 4096;
  std::map<int, OperationResult> arrived_;  // the latest result of recent calls, by call id
};

}  // namespace pacer::lrmd
