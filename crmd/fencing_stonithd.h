// StonithdFencing: the daemon's FencingPort over the local stonithd (StonithdClient's asynchronous
// fence). Connects on first use and again after stonithd went away (heartbeatd respawns it); a
// request in flight when stonithd dies fails, and the DC's next transition asks again.
#pragma once

#include <memory>

#include "common/ipc/event_loop.h"
#include "crmd/fencing_port.h"
#include "stonithd/client/stonithd_client.h"

namespace pacer::crmd {

class StonithdFencing final : public FencingPort {
 public:
  explicit StonithdFencing(ipc::EventLoop& loop) : loop_(loop) {}
  Status fence(const std::string& node, Millis timeout, Done done) override;

 private:
  ipc::EventLoop& loop_;
  std::unique_ptr<stonithd::StonithdClient> client_;
};

}  // namespace pacer::crmd
