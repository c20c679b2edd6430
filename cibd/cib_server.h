// CibServer: the daemon's IPC face. A dispatch table of two message types — "cib.request" (any
// operation, answered with "cib.reply") and "cib.subscribe" (the connection then receives every
// applied change as "cib.notify") — over an IpcServer whose peer policy admits root and the
// haclient group only. Malformed payloads close the connection (IpcServer's rule).
//
// Threading: single-threaded on the EventLoop; the store and the loop must outlive the server.
#pragma once

#include <functional>
#include <memory>
#include <set>

#include "cibd/cib_store.h"
#include "common/ipc/ipc_server.h"

namespace pacer::cib {

class CibServer {
 public:
  static Result<std::unique_ptr<CibServer>> start(ipc::EventLoop& loop, CibStore& store,
                                                  ipc::IpcServerOptions options);
  CibServer(const CibServer&) = delete;
  CibServer& operator=(const CibServer&) = delete;
  ~CibServer();

  std::size_t subscriber_count() const { return subscribers_.size(); }

  // Replication routes requests through this (CibReplicator::submit) instead of applying them to
  // the store here; `done` may run at once or later (after the master answers a forward).
  using Submit = std::function<void(const CibRequest&, std::function<void(Result<CibReplyData>)>)>;
  void set_submit(Submit submit) { submit_ = std::move(submit); }

  struct Private {
    explicit Private() = default;
  };
  CibServer(Private, CibStore& store) : store_(store) {}

 private:
  void notify(const CibChange& change);

  CibStore& store_;
  Submit submit_;
  std::unique_ptr<ipc::IpcServer> server_;
  std::set<ipc::ConnectionId> subscribers_;
};

}  // namespace pacer::cib
