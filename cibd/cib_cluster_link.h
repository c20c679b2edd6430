// CibClusterLink: the daemon's glue between heartbeatd and CibReplicator. Signs on to heartbeatd as
// client "cib" (apiauth admits it for hacluster under `pacemaker on`), feeds the replicator the
// membership and the messages, sends its messages, and routes the server's requests through it.
// When heartbeatd is not there (a single node, the unit and kill tests) connect() fails and cibd
// runs alone, as before replication existed.
//
// Threading: single-threaded on the EventLoop. Destroy before the server and the store.
#pragma once

#include <memory>

#include "cibd/cib_persistence.h"
#include "cibd/cib_replicator.h"
#include "cibd/cib_server.h"
#include "heartbeatd/client/heartbeat_client.h"

namespace pacer::cib {

class CibClusterLink {
 public:
  static Result<std::unique_ptr<CibClusterLink>> connect(ipc::EventLoop& loop, CibStore& store,
                                                        CibServer& server, CibLog log,
                                                        const std::string& service);
  ~CibClusterLink();
  CibClusterLink(const CibClusterLink&) = delete;
  CibClusterLink& operator=(const CibClusterLink&) = delete;

  struct Private {
    explicit Private() = default;
  };
  CibClusterLink(Private, CibServer& server) : server_(server) {}

 private:
  CibServer& server_;
  std::unique_ptr<heartbeat::HeartbeatClient> client_;
  std::unique_ptr<CibReplicator> replicator_;
};

}  // namespace pacer::cib
