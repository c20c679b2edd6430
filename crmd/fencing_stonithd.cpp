// The daemon's fencing port: stonithd through its client library.
#include "crmd/fencing_stonithd.h"

namespace pacer::crmd {

Status StonithdFencing::fence(const std::string& node, Millis timeout, Done done) {
  if (!client_ || !client_->connected()) {
    auto connected = stonithd::StonithdClient::connect(loop_);
    if (!connected) return connected.status();
    client_ = std::move(*connected);
  }
  return client_->fence_async(node, stonithd::FenceAction::reset, timeout, "crmd",
                              [done](Result<proto::stonithd::FenceReply> reply) {
                                if (!reply) return done(false, reply.error_message());
                                done(reply->ok(), reply->ok() ? reply->executioner() : reply->error());
                              });
}

}  // namespace pacer::crmd
