// The glue that lets libqb's IPC server run its file descriptors in pacer's EventLoop.
//
// libqb asks its user for a table of plain C functions (add/modify/remove an fd, queue a job) that
// carry no user-data pointer, so they cannot know which loop to register with. QbLoopScope names
// that loop for the duration of a call into libqb: pacer sets one around every libqb server call it
// makes, and the callbacks registered here set one again before calling back into libqb. The
// scope is per thread and strictly nested; it is the narrowest way to pass the loop through libqb
// without a process-wide loop.
#pragma once

#include <qb/qbipcs.h>

#include "common/ipc/event_loop.h"

namespace pacer::ipc {

class QbLoopScope {
 public:
  explicit QbLoopScope(EventLoop& loop);
  ~QbLoopScope();
  QbLoopScope(const QbLoopScope&) = delete;
  QbLoopScope& operator=(const QbLoopScope&) = delete;

 private:
  EventLoop* previous_;
};

// The table to pass to qb_ipcs_poll_handlers_set(). The functions fail with -EINVAL when called
// outside a QbLoopScope.
qb_ipcs_poll_handlers qb_poll_handlers();

}  // namespace pacer::ipc
