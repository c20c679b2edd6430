// ResourceManager: lrmd's logic without sockets — the registered resources, an operation queue per
// resource (one operation at a time, in arrival order), a scheduler that runs different resources
// in parallel up to a limit (Heartbeat's max-children), recurring operations on timers that report
// only changes, cancellation, and the last result of every operation key (so a respawned crmd can
// rebuild its view).
//
// Seams: Clock, Timers and OperationExecutor come from the caller; main() passes the event loop's
// timers and ThreadPoolExecutor, tests a TimerQueue on a FakeClock and a fake executor.
// Threading: single-threaded (the event loop's). Results go to the ResultSink, addressed to the
// client that asked for the operation.
// Lifetime: the seams must outlive the manager; callbacks it left with them after its destruction
// are ignored.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/log.h"
#include "lrmd/operation_executor.h"
#include "lrmd/resource_class.h"
#include "lrmd/timers.h"

namespace pacer::lrmd {

using ClientId = std::uint64_t;

struct ManagerOptions {
  size_t max_children = 4;          // Heartbeat lrmd's default parallelism
  Millis default_timeout{20000};    // Pacemaker's default-action-timeout
  Millis kill_grace{2000};          // SIGTERM -> SIGKILL
  Millis metadata_timeout{10000};
  size_t max_output_bytes = 4096;   // of a result's output
  size_t max_metadata_bytes = 200 * 1024;
  size_t max_logged_output_lines = 20;
  bool logtag_pid = true;           // HA_LOGTAG "pgsql" -> "pgsql[<pid>]" (agent_environment.h)
};

class ResourceManager {
 public:
  using ResultSink = std::function<void(ClientId owner, const OperationResult& result)>;
  using MetadataDone = std::function<void(Result<std::string> xml)>;

  ResourceManager(const Clock& clock, Timers& timers, OperationExecutor& executor, Logger& log,
                  ManagerOptions options = {});
  ~ResourceManager();
  ResourceManager(const ResourceManager&) = delete;
  ResourceManager& operator=(const ResourceManager&) = delete;

  void add_class(std::unique_ptr<ResourceClass> klass);
  void set_result_sink(ResultSink sink) { sink_ = std::move(sink); }

  // Registering an id again with the same definition is a no-op; a different one is an error
  // while the resource exists (delete it first).
  Status register_resource(ResourceSpec spec);
  // Fails while an operation of the resource is running; cancels its queued and recurring ops.
  Status unregister_resource(const std::string& id);
  Result<ResourceSpec> resource(const std::string& id) const;

  // Queues an operation; returns its call id. The result goes to `owner` through the sink, always
  // after perform() returned.
  Result<int> perform(ClientId owner, OperationRequest request);
  // Cancels a queued, waiting or recurring operation: a "Cancelled" result goes to its owner (for
  // one that is running: when it ends, and it is not run again).
  Status cancel(const std::string& rsc_id, int call_id);
  // Cancels every operation of the resource.
  Status flush(const std::string& rsc_id);
  // The client is gone: its recurring operations stop (Heartbeat's lrmd did the same).
  void client_gone(ClientId owner);

  std::vector<ResourceState> state() const;
  std::vector<std::string> classes() const;
  Result<std::vector<std::string>> types(const std::string& rclass, const std::string& provider) const;
  Result<std::vector<std::string>> providers(const std::string& rclass, const std::string& type) const;
  // Runs the agent's meta-data action outside any resource queue; `done` is called later.
  void metadata(const std::string& rclass, const std::string& type, const std::string& provider,
                MetadataDone done);

  void set_max_children(size_t n);
  size_t max_children() const { return options_.max_children; }
  size_t running() const { return running_count_; }
  size_t resource_count() const { return resources_.size(); }

 private:
  struct Op;
  struct Resource;

  Resource* find(const std::string& id);
  const ResourceClass* class_of(const std::string& rclass) const;
  void enqueue(Resource& rsc, const std::shared_ptr<Op>& op, MonoTime due);
  void make_ready(Resource& rsc);
  void pump();
  void start(Resource& rsc, std::shared_ptr<Op> op);
  void finish(const std::string& rsc_id, const std::shared_ptr<Op>& op, OperationResult result,
              pid_t pid);
  void drop_op(Resource& rsc, std::shared_ptr<Op> op, bool report);
  void report(const Op& op, const OperationResult& result);
  TimerId add_timer(Millis delay, std::function<void()> callback);

  const Clock& clock_;
  Timers& timers_;
  OperationExecutor& executor_;
  Logger& log_;
  ManagerOptions options_;
  ResultSink sink_;
  std::map<std::string, std::unique_ptr<ResourceClass>> classes_;
  std::map<std::string, std::unique_ptr<Resource>> resources_;
  std::deque<std::string> ready_;  // resources with a queued op and none running, in order
  size_t running_count_ = 0;
  int next_call_id_ = 1;
  std::map<TimerId, bool> timers_pending_;  // to cancel them on destruction
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace pacer::lrmd
