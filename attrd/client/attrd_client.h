// AttrdClient: how attrd_updater, ifcheckd, pingd, diskd (and later crmd) talk to the local attrd
// over its IPC service ("pacer-attrd", or $PACER_ATTRD_SERVICE).
//
// Threading: single-threaded on the EventLoop given to connect(), which must outlive the client.
// Every call blocks for attrd's answer, without running the loop.
#pragma once

#include <memory>
#include <string>

#include "attrd/attrd_protocol.h"
#include "common/ipc/ipc_client.h"

namespace pacer::attrd {

class AttrdClient {
 public:
  // `service` empty: $PACER_ATTRD_SERVICE, else "pacer-attrd".
  static Result<std::unique_ptr<AttrdClient>> connect(ipc::EventLoop& loop, std::string service = "");

  Status update(const AttributeUpdate& update, Millis timeout = Millis(10000));
  Status refresh(Millis timeout = Millis(10000));
  Result<NodeValue> query(const std::string& name, const std::string& node,
                          Millis timeout = Millis(10000));
  bool connected() const { return ipc_->connected(); }

 private:
  explicit AttrdClient(std::unique_ptr<ipc::IpcClient> ipc) : ipc_(std::move(ipc)) {}
  std::unique_ptr<ipc::IpcClient> ipc_;
};

// One-shot, for tools that otherwise talk only to the CIB (a resource cleanup): asks the local
// attrd to delete `name` of `node`; attrd relays it to that node's attrd, which holds the value
// and would write it again (after a join, say) if only the CIB's copy were removed.
Status delete_attribute(const std::string& name, const std::string& node);

// For daemons that keep sending (ifcheckd, pingd, diskd): connects on first use and again after
// attrd went away (it is respawned by heartbeatd), so a send after a restart just works.
class AttributeSender {
 public:
  explicit AttributeSender(ipc::EventLoop& loop, std::string service = "")
      : loop_(loop), service_(std::move(service)) {}
  Status send(const AttributeUpdate& update);
  // True when the last send had to make a new connection: the caller may want to re-send
  // everything, since a new attrd knows only what was in the CIB.
  bool reconnected() const { return reconnected_; }

 private:
  ipc::EventLoop& loop_;
  std::string service_;
  std::unique_ptr<AttrdClient> client_;
  bool reconnected_ = false;
};

}  // namespace pacer::attrd
