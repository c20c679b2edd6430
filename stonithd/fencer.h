// Fencer: stonithd's logic, as Pacemaker 1.0's stonithd had it, with no I/O of its own.
//
//  * Devices: a stonith: primitive started on this node registers its device here (its plugin's
//    `status` must succeed and `gethosts` must name at least one host); stop unregisters it. A
//    device fences only from the node where it is registered.
//  * fence(): the devices registered here that cover the target, in `priority` order (lower
//    first; equal priorities keep registration order), each bounded by its own stonith-timeout and
//    by what is left of the request's timeout (the cluster's stonith-timeout). When they all
//    failed, the other nodes' stonithd are asked (Query -> Offer -> Execute -> Outcome); a node
//    already tried is not asked again. The request ends when a device succeeded (here or there) or
//    its timeout passed. The result goes to every node (Completed), so every stonithd keeps the
//    same history and tells its clients (crmd).
//  * The log lines are the ones pm_logconv reads (spec/pm-logconv.md, STONITH).
//
// Seams: timers, the plugin executor, sending to peers, the log, and the completion event to IPC
// clients. Threading: single-threaded; every callback runs on the caller's loop.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/log.h"
#include "lrmd/timers.h"
#include "stonithd.pb.h"
#include "stonithd/fence_device.h"
#include "stonithd/plugin_executor.h"

namespace pacer::stonithd {

using lrmd::Timers;

struct FencerSeams {
  Timers& timers;
  PluginExecutor& executor;
  const Clock& clock;
  // To `node`'s stonithd; "" = every node (heartbeatd may deliver it back to this one too).
  std::function<Status(const std::string& node, const std::string& bytes)> send_peer;
  std::function<void(LogLevel, std::string_view)> log;
  // A fencing completed (here or anywhere): for the IPC clients' event.
  std::function<void(const proto::stonithd::HistoryEntry&)> on_completed;
};

struct FenceOutcome {
  bool ok = false;
  bool timed_out = false;
  std::string executioner;
  std::string detail;
};

class Fencer {
 public:
  using ReplyDone = std::function<void(const proto::stonithd::Reply&)>;
  using FenceDone = std::function<void(const FenceOutcome&)>;

  Fencer(std::string self, PluginPaths paths, FencerSeams seams);
  ~Fencer();
  Fencer(const Fencer&) = delete;
  Fencer& operator=(const Fencer&) = delete;

  const std::string& self() const { return self_; }

  // Checks the device (status, then gethosts) and registers it, replacing one of the same id.
  // Reply rc: 0 registered; 1 status failed; 2 no hosts.
  void register_device(DeviceConfig device, ReplyDone done);
  // rc 0; unregistering an unknown device is not an error (stop is idempotent).
  proto::stonithd::Reply unregister_device(const std::string& id);
  // The monitor: rc 0 when `status` succeeds, 1 when it fails, 7 when the device is not registered.
  void device_status(const std::string& id, ReplyDone done);

  // Fences `target`. `done` is called once, when it completed or `timeout` passed.
  void fence(const std::string& target, FenceAction action, Millis timeout, const std::string& client,
             FenceDone done);

  // Registered devices (that cover `target`, if not empty), in the order they would be tried.
  std::vector<proto::stonithd::DeviceInfo> devices(const std::string& target = "") const;
  // History of `target` ("" = all), oldest first.
  std::vector<proto::stonithd::HistoryEntry> history(const std::string& target = "") const;

  // A message from another node's stonithd (already size-limited by the caller; decoded here).
  void peer_message(const std::string& from, std::string_view bytes);

  static constexpr std::size_t kHistoryPerTarget = 32;

 private:
  struct Registered {
    DeviceConfig config;
    std::vector<std::string> hosts;
    std::uint64_t order = 0;
  };
  // One pass over the local devices for a target: for an own request or another node's Execute.
  struct LocalChain {
    std::string op_id;
    std::string target;
    FenceAction action = FenceAction::reset;
    MonoTime deadline{};
    std::vector<DeviceConfig> devices;
    std::size_t next = 0;
    std::function<void(bool ok, std::string detail)> done;
  };
  enum class Phase { local, querying, remote };
  struct Operation {
    std::string id;
    std::string target;
    FenceAction action = FenceAction::reset;
    std::string client;
    MonoTime deadline{};
    ipc::TimerId timer = 0;
    Phase phase = Phase::local;
    std::string asked;               // the node executing it (Phase::remote)
    std::set<std::string> tried;     // nodes (this one included) whose devices failed
    std::vector<FenceDone> waiting;  // requests merged into this one
  };

  std::vector<const Registered*> covering(const std::string& target) const;
  void run_chain(std::shared_ptr<LocalChain> chain);
  void start_next_device(std::shared_ptr<LocalChain> chain);
  void ask_peers(Operation& op);
  void finish(const std::string& op_id, bool ok, bool timed_out, const std::string& executioner,
              const std::string& detail);
  void record(const proto::stonithd::HistoryEntry& entry);
  void send(const std::string& node, const proto::stonithd::PeerMessage& message);
  void log(LogLevel level, std::string_view line) { if (seams_.log) seams_.log(level, line); }
  std::int64_t wall_ms() const;

  void on_query(const std::string& from, const proto::stonithd::Query& query);
  void on_offer(const std::string& from, const proto::stonithd::Offer& offer);
  void on_execute(const std::string& from, const proto::stonithd::Execute& execute);
  void on_outcome(const std::string& from, const proto::stonithd::Outcome& outcome);

  std::string self_;
  PluginPaths paths_;
  FencerSeams seams_;
  std::vector<Registered> registry_;
  std::uint64_t next_order_ = 1;
  std::uint64_t next_op_ = 1;
  std::map<std::string, Operation> operations_;   // own requests, by op id
  std::set<std::string> executing_;               // other nodes' op ids running here
  std::map<std::string, std::deque<proto::stonithd::HistoryEntry>> history_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace pacer::stonithd
