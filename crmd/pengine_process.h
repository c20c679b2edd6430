// PengineProcess: the daemon's PolicyEnginePort. start() forks and re-executes crmd's own binary
// as "pengine" (argv[0]; PACER_PENGINE_FD names the socket), so ps shows a pengine process as
// 1.0's did and the child starts from a clean image rather than a copy of crmd's connections.
// Replies and the child's death arrive through the event loop and go to the callbacks.
//
// The child dies with crmd (PR_SET_PDEATHSIG). stop() closes the socket and reaps the child.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "common/ipc/event_loop.h"
#include "common/unique_fd.h"
#include "crmd/controller.h"
#include "crmd/frame_stream.h"

namespace pacer::crmd {

inline constexpr const char* kPengineFdVariable = "PACER_PENGINE_FD";

class PengineProcess final : public PolicyEnginePort {
 public:
  using ReplyCallback = std::function<void(std::uint64_t reference, const Result<PeReply>& reply)>;
  using ExitCallback = std::function<void(int pid, int signal, int exit_code)>;

  PengineProcess(ipc::EventLoop& loop, std::string executable, ReplyCallback on_reply, ExitCallback on_exit);
  ~PengineProcess() override;
  PengineProcess(const PengineProcess&) = delete;
  PengineProcess& operator=(const PengineProcess&) = delete;

  Result<int> start() override;
  void stop() override;
  Status request(std::uint64_t reference, int transition_id, const std::string& cib_xml) override;

 private:
  void on_readable();
  void on_exited();
  void close_socket();

  ipc::EventLoop& loop_;
  std::string executable_;
  ReplyCallback on_reply_;
  ExitCallback on_exit_;
  UniqueFd socket_;
  UniqueFd pidfd_;
  pid_t pid_ = -1;
  FrameReader reader_;
};

}  // namespace pacer::crmd
