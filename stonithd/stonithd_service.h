// stonithd's IPC dispatch table on "pacer-stonithd". Registering and unregistering devices is for
// root only (lrmd's stonith helper); fencing, lists and history for root and the haclient group
// (crmd, stonith_admin). A request that does not parse or validate closes the connection. Fence
// replies are deferred until the fencing completed; every completion anywhere is pushed to every
// client as a "stonithd.fenced" event.
#pragma once

#include "common/ipc/ipc_server.h"
#include "stonithd/fencer.h"

namespace pacer::stonithd {

inline constexpr Millis kDefaultFenceTimeout{120000};

void register_stonithd_handlers(ipc::IpcServer& server, Fencer& fencer);

}  // namespace pacer::stonithd
