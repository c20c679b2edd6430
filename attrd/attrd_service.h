// attrd's IPC dispatch table on the "pacer-attrd" service: attrd.update and attrd.query, answered
// from AttrdCore. A request that does not parse or validate is a protocol violation (the server
// closes that connection); a relay that cannot be sent is an ordinary failed reply.
#pragma once

#include "attrd/attrd_core.h"
#include "common/ipc/ipc_server.h"

namespace pacer::attrd {

inline constexpr const char* kUpdateType = "attrd.update";
inline constexpr const char* kQueryType = "attrd.query";
inline constexpr const char* kRefreshType = "attrd.refresh";
inline constexpr const char* kReplyType = "attrd.reply";
inline constexpr const char* kQueryReplyType = "attrd.query_reply";

void register_attrd_handlers(ipc::IpcServer& server, AttrdCore& core);

}  // namespace pacer::attrd
