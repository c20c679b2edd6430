// libqb's poll callbacks implemented on EventLoop (see qb_poll_glue.h for why a scope is needed).
#include "common/ipc/qb_poll_glue.h"

#include <cerrno>

namespace pacer::ipc {
namespace {

thread_local EventLoop* t_current_loop = nullptr;

int32_t job_add(enum qb_loop_priority, void* data, qb_loop_job_dispatch_fn dispatch) {
  EventLoop* loop = t_current_loop;
  if (loop == nullptr) return -EINVAL;
  loop->defer([loop, data, dispatch] {
    QbLoopScope scope(*loop);
    dispatch(data);
  });
  return 0;
}

EventLoop::FdCallback fd_callback(EventLoop* loop, void* data, qb_ipcs_dispatch_fn_t dispatch) {
  return [loop, data, dispatch](int fd, std::uint32_t revents) {
    QbLoopScope scope(*loop);
    // A negative answer means "stop watching this fd" (libqb has given up on the connection).
    if (dispatch(fd, static_cast<int32_t>(revents), data) < 0) loop->unwatch_fd(fd);
  };
}

int32_t dispatch_add(enum qb_loop_priority, int32_t fd, int32_t events, void* data,
                     qb_ipcs_dispatch_fn_t dispatch) {
  EventLoop* loop = t_current_loop;
  if (loop == nullptr) return -EINVAL;
  Status s = loop->watch_fd(fd, static_cast<std::uint32_t>(events), fd_callback(loop, data, dispatch));
  return s ? 0 : -(s.sys_errno() != 0 ? s.sys_errno() : EEXIST);
}

int32_t dispatch_mod(enum qb_loop_priority, int32_t fd, int32_t events, void* data,
                     qb_ipcs_dispatch_fn_t dispatch) {
  EventLoop* loop = t_current_loop;
  if (loop == nullptr) return -EINVAL;
  // libqb may hand over a different callback or data with a modification, so replace the watch
  // rather than only change its events. Safe from within the fd's own callback.
  loop->unwatch_fd(fd);
  Status s = loop->watch_fd(fd, static_cast<std::uint32_t>(events), fd_callback(loop, data, dispatch));
  return s ? 0 : -(s.sys_errno() != 0 ? s.sys_errno() : EINVAL);
}

int32_t dispatch_del(int32_t fd) {
  EventLoop* loop = t_current_loop;
  if (loop == nullptr) return -EINVAL;
  loop->unwatch_fd(fd);
  return 0;
}

}  // namespace

QbLoopScope::QbLoopScope(EventLoop& loop) : previous_(t_current_loop) { t_current_loop = &loop; }
QbLoopScope::~QbLoopScope() { t_current_loop = previous_; }

qb_ipcs_poll_handlers qb_poll_handlers() {
  qb_ipcs_poll_handlers handlers{};
  handlers.job_add = job_add;
  handlers.dispatch_add = dispatch_add;
  handlers.dispatch_mod = dispatch_mod;
  handlers.dispatch_del = dispatch_del;
  return handlers;
}

}  // namespace pacer::ipc
