// The scheduler. Invariants:
//  * a resource has at most one op running (Resource::running) and is in ready_ at most once;
//  * running_count_ <= max_children, counting agent runs and immediate outcomes alike, so every
//    result is produced on a later loop turn than the request that caused it;
//  * an Op lives in Resource::ops from perform() until its last result was reported (one-shot) or
//    it was cancelled (recurring).
#include "lrmd/resource_manager.h"

#include <algorithm>

#include <fmt/format.h>

#include "lrmd/agent_environment.h"
#include "lrmd/operation_log_lines.h"
#include "lrmd/operation_logging.h"
#include "lrmd/operation_outcome.h"

namespace pacer::lrmd {

struct ResourceManager::Op {
  int call_id = 0;
  ClientId owner = 0;
  OperationRequest request;
  Millis timeout{0};
  MonoTime due{};
  std::optional<TimerId> timer;  // start-delay or interval wait
  bool running = false;
  bool cancelled = false;
  std::optional<std::pair<int, OpStatus>> last_reported;
  bool recurring() const { return request.interval.count() > 0; }
};

struct ResourceManager::Resource {
  ResourceSpec spec;
  const ResourceClass* klass = nullptr;
  std::deque<std::shared_ptr<Op>> queue;
  std::shared_ptr<Op> running;
  bool in_ready = false;
  std::map<int, std::shared_ptr<Op>> ops;
  std::map<std::string, OperationResult> last;  // by operation key
};

ResourceManager::ResourceManager(const Clock& clock, Timers& timers, OperationExecutor& executor,
                                 Logger& log, ManagerOptions options)
    : clock_(clock), timers_(timers), executor_(executor), log_(log), options_(options) {}

ResourceManager::~ResourceManager() {
  for (const auto& [id, unused] : timers_pending_) timers_.cancel(id);
}

void ResourceManager::add_class(std::unique_ptr<ResourceClass> klass) {
  std::string name(klass->name());
  classes_[name] = std::move(klass);
}

const ResourceClass* ResourceManager::class_of(const std::string& rclass) const {
  auto it = classes_.find(rclass);
  return it == classes_.end() ? nullptr : it->second.get();
}

ResourceManager::Resource* ResourceManager::find(const std::string& id) {
  auto it = resources_.find(id);
  return it == resources_.end() ? nullptr : it->second.get();
}

TimerId ResourceManager::add_timer(Millis delay, std::function<void()> callback) {
  std::weak_ptr<int> alive = alive_;
  auto id = std::make_shared<TimerId>(0);
  *id = timers_.add(delay, [this, alive, id, callback = std::move(callback)] {
    if (alive.expired()) return;
    timers_pending_.erase(*id);
    callback();
  });
  timers_pending_[*id] = true;
  return *id;
}

Status ResourceManager::register_resource(ResourceSpec spec) {
  if (spec.id.empty()) return Status::error("resource id is empty");
  const ResourceClass* klass = class_of(spec.rclass);
  if (!klass) return Status::error(fmt::format("resource {}: unknown class '{}'", spec.id, spec.rclass));
  if (Status valid = klass->validate(spec); !valid) return valid;
  if (Resource* existing = find(spec.id)) {
    const ResourceSpec& old = existing->spec;
    if (old.rclass == spec.rclass && old.provider == spec.provider && old.type == spec.type &&
        old.params == spec.params)
      return Status::ok();
    return Status::error(fmt::format("resource {} exists with another definition", spec.id));
  }
  auto rsc = std::make_unique<Resource>();
  rsc->klass = klass;
  rsc->spec = std::move(spec);
  log_.debug("registered resource {} ({})", rsc->spec.id, rsc->spec.agent_name());
  resources_[rsc->spec.id] = std::move(rsc);
  return Status::ok();
}

Status ResourceManager::unregister_resource(const std::string& id) {
  Resource* rsc = find(id);
  if (!rsc) return Status::error(fmt::format("resource {} does not exist", id));
  if (rsc->running)
    return Status::error(fmt::format("resource {} has operation {} running", id,
                                     rsc->running->request.operation));
  if (Status flushed = flush(id); !flushed) return flushed;
  ready_.erase(std::remove(ready_.begin(), ready_.end(), id), ready_.end());
  resources_.erase(id);
  return Status::ok();
}

Result<ResourceSpec> ResourceManager::resource(const std::string& id) const {
  auto it = resources_.find(id);
  if (it == resources_.end()) return Status::error(fmt::format("resource {} does not exist", id));
  return it->second->spec;
}

Result<int> ResourceManager::perform(ClientId owner, OperationRequest request) {
  Resource* rsc = find(request.rsc_id);
  if (!rsc) return Status::error(fmt::format("resource {} does not exist", request.rsc_id));
  if (request.operation.empty()) return Status::error("operation name is empty");
  if (request.interval.count() < 0 || request.timeout.count() < 0 || request.start_delay.count() < 0)
    return Status::error("negative interval, timeout or start-delay");
  auto op = std::make_shared<Op>();
  op->call_id = next_call_id_++;
  op->owner = owner;
  op->timeout = request.timeout.count() > 0 ? request.timeout : options_.default_timeout;
  op->request = std::move(request);
  rsc->ops[op->call_id] = op;
  log_.info("{}", lrmd_operation_line(rsc->spec.id, op->call_id, op->request.operation,
                                      op->request.interval));
  if (op->request.start_delay.count() > 0) {
    std::string id = rsc->spec.id;
    op->timer = add_timer(op->request.start_delay, [this, id, op] {
      op->timer.reset();
      if (Resource* r = find(id); r && !op->cancelled) enqueue(*r, op, clock_.monotonic());
    });
  } else {
    enqueue(*rsc, op, clock_.monotonic());
  }
  return op->call_id;
}

void ResourceManager::enqueue(Resource& rsc, const std::shared_ptr<Op>& op, MonoTime due) {
  op->due = due;
  rsc.queue.push_back(op);
  make_ready(rsc);
  pump();
}

void ResourceManager::make_ready(Resource& rsc) {
  if (rsc.running || rsc.queue.empty() || rsc.in_ready) return;
  rsc.in_ready = true;
  ready_.push_back(rsc.spec.id);
}

void ResourceManager::pump() {
  while (running_count_ < options_.max_children && !ready_.empty()) {
    std::string id = std::move(ready_.front());
    ready_.pop_front();
    Resource* rsc = find(id);
    if (!rsc) continue;
    rsc->in_ready = false;
    if (rsc->running || rsc->queue.empty()) continue;
    std::shared_ptr<Op> op = rsc->queue.front();
    rsc->queue.pop_front();
    start(*rsc, std::move(op));
  }
}

void ResourceManager::start(Resource& rsc, std::shared_ptr<Op> op) {
  rsc.running = op;
  op->running = true;
  ++running_count_;
  std::string id = rsc.spec.id;
  OutcomeContext context{op->call_id, &op->request, op->timeout, op->due,
                         std::chrono::duration_cast<std::chrono::seconds>(
                             clock_.wall().time_since_epoch()).count(),
                         options_.max_output_bytes};
  OperationPlan plan = rsc.klass->plan(rsc.spec, op->request, op->timeout);
  if (auto* immediate = std::get_if<ImmediateOutcome>(&plan)) {
    OperationResult result = result_from_immediate(context, *immediate);
    result.queue_time = std::chrono::duration_cast<Millis>(clock_.monotonic() - op->due);
    log_operation_result(log_, rsc.spec, op->owner, result, -1, "", options_.max_logged_output_lines);
    add_timer(Millis(0), [this, id, op, result = std::move(result)]() mutable {
      finish(id, op, std::move(result), -1);
    });
    return;
  }
  ExecPlan& exec = std::get<ExecPlan>(plan);
  ExecJob job{options_.logtag_pid ? with_logtag_pid(exec.argv) : std::move(exec.argv),
              std::move(exec.env), op->timeout, options_.kill_grace};
  std::weak_ptr<int> alive = alive_;
  const ResourceClass* klass = rsc.klass;
  executor_.execute(std::move(job), [this, alive, id, op, klass, context](ExecOutcome outcome) {
    if (alive.expired()) return;
    OperationResult result = result_from_exec(context, *klass, outcome);
    if (outcome.exit) {
      const ExitStatus& exit = *outcome.exit;
      if (exit.exited && (exit.code < 0 || exit.code > 9) && !exit.timed_out)
        log_.warn("{}:{} returned invalid rc {}, taken as {}", id, op->request.operation,
                  exit.code, result.rc);
      if (Resource* r = find(id))
        log_operation_result(log_, r->spec, op->owner, result, outcome.pid, exit.stderr_text,
                             options_.max_logged_output_lines);
    } else if (Resource* r = find(id)) {
      log_operation_result(log_, r->spec, op->owner, result, outcome.pid, "",
                           options_.max_logged_output_lines);
    }
    finish(id, op, std::move(result), outcome.pid);
  });
}

void ResourceManager::finish(const std::string& rsc_id, const std::shared_ptr<Op>& op,
                             OperationResult result, pid_t) {
  --running_count_;
  op->running = false;
  Resource* rsc = find(rsc_id);
  if (!rsc) {  // cannot happen (unregister refuses while running); be safe
    pump();
    return;
  }
  rsc->running.reset();
  std::string key = operation_key(rsc_id, result.operation, result.interval);
  auto previous = rsc->last.find(key);
  result.rc_change_time = (previous != rsc->last.end() && previous->second.rc == result.rc)
                              ? previous->second.rc_change_time
                              : result.run_time;
  if (op->cancelled) {
    result.op_status = OpStatus::cancelled;
    report(*op, result);
    rsc->ops.erase(op->call_id);
  } else {
    rsc->last[key] = result;
    if (should_report(op->last_reported, result, op->recurring(), op->request.report_every_time))
      report(*op, result);
    op->last_reported = std::make_pair(result.rc, result.op_status);
    if (op->recurring()) {
      // The next run is due one interval after this one ended, as Heartbeat's lrmd did: a slow
      // run delays the rhythm instead of bunching runs up.
      MonoTime due = clock_.monotonic() + op->request.interval;
      op->timer = add_timer(op->request.interval, [this, rsc_id, op, due] {
        op->timer.reset();
        if (Resource* r = find(rsc_id); r && !op->cancelled) enqueue(*r, op, due);
      });
    } else {
      rsc->ops.erase(op->call_id);
    }
  }
  make_ready(*rsc);
  pump();
}

void ResourceManager::report(const Op& op, const OperationResult& result) {
  if (sink_) sink_(op.owner, result);
}

void ResourceManager::drop_op(Resource& rsc, std::shared_ptr<Op> op, bool notify) {
  // `op` by value: erasing it from rsc.ops below may drop the last other reference.
  op->cancelled = true;
  if (op->running) return;  // finish() reports it as cancelled
  if (op->timer) {
    timers_.cancel(*op->timer);
    timers_pending_.erase(*op->timer);
    op->timer.reset();
  }
  rsc.queue.erase(std::remove(rsc.queue.begin(), rsc.queue.end(), op), rsc.queue.end());
  rsc.ops.erase(op->call_id);
  if (!notify) return;
  OperationResult result;
  result.call_id = op->call_id;
  result.rsc_id = rsc.spec.id;
  result.operation = op->request.operation;
  result.interval = op->request.interval;
  result.timeout = op->timeout;
  result.user_data = op->request.user_data;
  result.params = op->request.params;
  result.rc = rc::ok;
  result.op_status = OpStatus::cancelled;
  result.run_time =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.wall().time_since_epoch()).count();
  ClientId owner = op->owner;
  // After the reply to the cancel request, like every other result.
  add_timer(Millis(0), [this, owner, result] {
    if (sink_) sink_(owner, result);
  });
}

Status ResourceManager::cancel(const std::string& rsc_id, int call_id) {
  Resource* rsc = find(rsc_id);
  if (!rsc) return Status::error(fmt::format("resource {} does not exist", rsc_id));
  auto it = rsc->ops.find(call_id);
  if (it == rsc->ops.end() || it->second->cancelled)
    return Status::error(fmt::format("resource {} has no operation with call id {}", rsc_id, call_id));
  log_.info("cancelling operation {}[{}] on {}", it->second->request.operation, call_id, rsc_id);
  drop_op(*rsc, it->second, true);
  return Status::ok();
}

Status ResourceManager::flush(const std::string& rsc_id) {
  Resource* rsc = find(rsc_id);
  if (!rsc) return Status::error(fmt::format("resource {} does not exist", rsc_id));
  std::vector<std::shared_ptr<Op>> ops;
  for (const auto& [id, op] : rsc->ops)
    if (!op->cancelled) ops.push_back(op);
  for (const auto& op : ops) drop_op(*rsc, op, true);
  return Status::ok();
}

void ResourceManager::client_gone(ClientId owner) {
  for (auto& [id, rsc] : resources_) {
    std::vector<std::shared_ptr<Op>> ops;
    for (const auto& [call, op] : rsc->ops)
      if (op->owner == owner && op->recurring() && !op->cancelled) ops.push_back(op);
    for (const auto& op : ops) drop_op(*rsc, op, false);
  }
}

std::vector<ResourceState> ResourceManager::state() const {
  std::vector<ResourceState> out;
  for (const auto& [id, rsc] : resources_) {
    ResourceState view{rsc->spec, {}, {}};
    for (const auto& [key, result] : rsc->last) view.last_results.push_back(result);
    for (const auto& [call, op] : rsc->ops)
      if (op->recurring() && !op->cancelled) view.recurring.push_back({call, op->request});
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<std::string> ResourceManager::classes() const {
  std::vector<std::string> out;
  for (const auto& [name, unused] : classes_) out.push_back(name);
  return out;
}

Result<std::vector<std::string>> ResourceManager::types(const std::string& rclass,
                                                        const std::string& provider) const {
  const ResourceClass* klass = class_of(rclass);
  if (!klass) return Status::error(fmt::format("unknown class '{}'", rclass));
  return klass->types(provider);
}

Result<std::vector<std::string>> ResourceManager::providers(const std::string& rclass,
                                                            const std::string& type) const {
  const ResourceClass* klass = class_of(rclass);
  if (!klass) return Status::error(fmt::format("unknown class '{}'", rclass));
  return klass->providers(type);
}

void ResourceManager::metadata(const std::string& rclass, const std::string& type,
                               const std::string& provider, MetadataDone done) {
  const ResourceClass* klass = class_of(rclass);
  if (!klass) return done(Status::error(fmt::format("unknown class '{}'", rclass)));
  ResourceSpec spec{"", rclass, provider, type, {}};
  if (Status valid = klass->validate(spec); !valid) return done(valid);
  OperationRequest request;
  request.operation = "meta-data";
  OperationPlan plan = klass->plan(spec, request, options_.metadata_timeout);
  std::string agent = spec.agent_name();
  if (auto* immediate = std::get_if<ImmediateOutcome>(&plan)) {
    if (immediate->rc != rc::ok || immediate->status != OpStatus::done)
      return done(Status::error(fmt::format("meta-data of {}: rc {}: {}", agent, immediate->rc,
                                            immediate->output)));
    return done(immediate->output);
  }
  ExecPlan& exec = std::get<ExecPlan>(plan);
  std::weak_ptr<int> alive = alive_;
  size_t cap = options_.max_metadata_bytes;
  executor_.execute(
      ExecJob{std::move(exec.argv), std::move(exec.env), options_.metadata_timeout,
              options_.kill_grace},
      [alive, agent, cap, done = std::move(done)](ExecOutcome outcome) {
        if (alive.expired()) return;
        if (!outcome.exit) return done(outcome.exit.status().with_context("meta-data of " + agent));
        if (!outcome.exit->succeeded())
          return done(Status::error(
              fmt::format("meta-data of {}: {}", agent, outcome.exit->describe())));
        if (outcome.exit->stdout_text.size() > cap)
          return done(Status::error(fmt::format("meta-data of {}: larger than {} bytes", agent, cap)));
        done(std::move(outcome.exit->stdout_text));
      });
}

void ResourceManager::set_max_children(size_t n) {
  options_.max_children = std::max<size_t>(n, 1);
  pump();
}

}  // namespace pacer::lrmd
