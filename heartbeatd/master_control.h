// MasterControl: heartbeatd's master control process, the parent of everything on a node.
//
// It wires the pure parts to the world: the media's reader and writer processes (core_process),
// the packet engine (messaging_layer), the client API (api_server), the supervised daemons
// (managed_children), the watchdog, the node identity files. Its own deaths table for core
// processes follows Heartbeat: a medium's reader and writer are restarted as a pair, retried every
// 10 s while that fails; the FIFO reader is simply restarted.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/config/authkeys.h"
#include "common/config/ha_config.h"
#include "common/file_system.h"
#include "common/ipc/event_loop.h"
#include "common/log.h"
#include "common/node_reset.h"
#include "common/unique_fd.h"
#include "heartbeatd/api_server.h"
#include "heartbeatd/core_process.h"
#include "heartbeatd/managed_children.h"
#include "heartbeatd/messaging_layer.h"
#include "heartbeatd/node_identity.h"
#include "heartbeatd/process_title.h"
#include "heartbeatd/watchdog_device.h"

namespace pacer::heartbeat {

struct McpPaths {
  std::string ha_cf = "/etc/ha.d/ha.cf";
  std::string authkeys = "/etc/ha.d/authkeys";
  IdentityPaths identity;
  std::string fifo = "/var/lib/pacer/fifo";
  std::string api_service = kHeartbeatService;
};

class MasterControl final : public ApiBackend {
 public:
  MasterControl(ipc::EventLoop& loop, config::HaConfig config, config::AuthKeys keys,
                LogSettings log_settings, Logger& log, ProcessTitle& title, NodeReset& reset,
                FileSystem& fs, McpPaths paths);
  ~MasterControl() override;

  Status start();
  // SIGTERM: stop the managed daemons in reverse order, then the core processes, then `done`.
  void shutdown(std::function<void()> done);
  // SIGHUP, as Heartbeat: when ha.cf changed, shut down and call `restart` (main re-executes
  // heartbeatd); else when authkeys changed, re-read it (a bad file stops heartbeatd); else log
  // "Configuration unchanged.".
  void reload(std::function<void()> restart);

  // ApiBackend
  Status send_to_cluster(const std::string& to_node, const std::string& to_client,
                         std::string_view data) override;
  proto::hbapi::StatusReply status() const override;
  proto::hbapi::SignOnReply identity() const override;
  void set_membership(const proto::hbapi::Membership& membership) override;
  void client_status(const proto::hbapi::ClientStatusRequest& request,
                     const ipc::ReplyTo& reply_to) override;

 private:
  struct CoreSlot {
    CoreSpec spec;
    std::optional<CoreHandle> handle;
    UniqueFd pidfd;
  };
  struct Medium {
    size_t reader = 0;  // indexes into cores_
    size_t writer = 0;
    bool restarting = false;
    std::optional<ipc::TimerId> retry;
    std::optional<MonoTime> restarted_at;  // when restart_medium last started the pair
  };

  void prepare_state_directories();
  Status start_core(size_t index);
  void stop_core(size_t index, int signo);
  void on_core_readable(size_t index);
  void on_core_death(size_t index);
  void restart_medium(size_t medium);
  void flush(Outbox& out);
  // Messages between heartbeatds (client "__heartbeat"): client status queries and answers.
  void on_mcp_message(const DeliveredMessage& message);
  void tick();
  size_t medium_of(size_t core) const;

  ipc::EventLoop& loop_;
  config::HaConfig config_;
  LogSettings log_settings_;
  Logger& log_;
  ProcessTitle& title_;
  NodeReset& reset_;
  FileSystem& fs_;
  McpPaths paths_;
  std::string uuid_;
  uint64_t generation_ = 0;
  std::optional<HostCache> hostcache_;
  std::unique_ptr<MessagingLayer> messaging_;
  std::unique_ptr<ApiServer> api_;
  std::unique_ptr<ManagedChildren> children_;
  std::optional<WatchdogDevice> watchdog_;
  std::vector<CoreSlot> cores_;
  std::vector<Medium> media_;
  std::vector<config::Medium> medium_configs_;
  std::optional<ipc::TimerId> tick_timer_;
  proto::hbapi::Membership membership_;
  config::AuthKeys keys_;
  WallTime authkeys_mtime_{};
  WallTime ha_cf_mtime_{};
  bool shutting_down_ = false;
  struct PendingQuery {
    ipc::ReplyTo reply_to;
    ipc::TimerId timer;
  };
  std::map<uint64_t, PendingQuery> client_queries_;
  uint64_t next_query_id_ = 1;
};

}  // namespace pacer::heartbeat
