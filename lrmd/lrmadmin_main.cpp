// pacer-lrmadmin: the admin tool for lrmd, with the flags of Heartbeat's lrmadmin. It is not
// called lrmadmin because Debian's cluster-glue package owns /usr/sbin/lrmadmin.
//
// Exit code of -E: for an operation that ran to its end, the agent's rc (0..9, the OCF number);
// otherwise 100 + the op status (102 = Timed Out, 101 = Cancelled, 104 = Error). Other commands:
// 0 on success, 1 on failure, 2 on bad usage.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/ipc/event_loop.h"
#include "lrmd/lrmd_client.h"

namespace {

using namespace pacer;
using namespace pacer::lrmd;

const char* kUsage =
    "usage: pacer-lrmadmin [--service NAME] COMMAND\n"
    "  -A,--add <rscid> <raclass> <ratype> <provider|NULL> [name=value ...]\n"
    "  -D,--delete <rscid>\n"
    "  -F,--flush <rscid>\n"
    "  -E,--execute <rscid> <operator> <timeout ms> <interval ms> <EVERYTIME|CHANGED> [name=value ...]\n"
    "       [--watch SECONDS]   (recurring: print results for that long; default until killed)\n"
    "       [--start-delay MS]\n"
    "  -c,--cancel <rscid> <call id>\n"
    "  -S,--state <rscid>\n"
    "  -L,--listall\n"
    "  -I,--information <rscid>\n"
    "  -C,--raclass_supported\n"
    "  -T,--ratype_supported <raclass> [provider]\n"
    "  -M,--metadata <raclass> <ratype> <provider|NULL>\n"
    "  -O,--all <raclass>   (meta-data of every agent of the class)\n"
    "  -P,--provider <raclass> <ratype>\n"
    "  -p,--set_lrmd_param <name> <value>\n"
    "  -g,--get_lrmd_param <name>\n"
    "  -v,--version   -h,--help\n";

bool is(const std::string& a, const char* short_flag, const char* long_flag) {
  return a == short_flag || a == long_flag;
}

Params parse_params(const std::vector<std::string>& args, size_t from) {
  Params params;
  for (size_t i = from; i < args.size(); ++i) {
    auto eq = args[i].find('=');
    if (eq == std::string::npos || eq == 0) continue;
    params[args[i].substr(0, eq)] = args[i].substr(eq + 1);
  }
  return params;
}

void print_result(const OperationResult& r) {
  std::printf("%s on %s (call %d, interval %lld ms): rc=%d (%s), op status=%s, exec %lld ms, queue %lld ms\n",
              r.operation.c_str(), r.rsc_id.c_str(), r.call_id,
              static_cast<long long>(r.interval.count()), r.rc, std::string(rc_text(r.rc)).c_str(),
              std::string(op_status_text(r.op_status)).c_str(),
              static_cast<long long>(r.exec_time.count()), static_cast<long long>(r.queue_time.count()));
  if (!r.output.empty()) std::printf("output:\n%s%s", r.output.c_str(), r.output.back() == '\n' ? "" : "\n");
  std::fflush(stdout);
}

void print_resource(const ResourceSpec& s) {
  std::printf("Resource ID:%s\nResource agent class:%s\nResource agent type:%s\n"
              "Resource agent provider:%s\n",
              s.id.c_str(), s.rclass.c_str(), s.type.c_str(), s.provider.c_str());
  if (!s.params.empty()) {
    std::printf("Resource agent parameters:");
    for (const auto& [k, v] : s.params) std::printf(" %s=%s", k.c_str(), v.c_str());
    std::printf("\n");
  }
}

int fail(const Status& s) {
  std::fprintf(stderr, "pacer-lrmadmin: %s\n", s.message().c_str());
  return 1;
}

int print_list(const Result<std::vector<std::string>>& list) {
  if (!list) return fail(list.status());
  for (const auto& item : *list) std::printf("%s\n", item.c_str());
  return 0;
}

int execute(LrmdClient& client, const std::vector<std::string>& a, size_t i, long watch_seconds,
            long start_delay) {
  if (a.size() < i + 6) return 2;
  OperationRequest req;
  req.rsc_id = a[i + 1];
  req.operation = a[i + 2];
  req.timeout = Millis(std::atol(a[i + 3].c_str()));
  req.interval = Millis(std::atol(a[i + 4].c_str()));
  req.report_every_time = a[i + 5] == "EVERYTIME";
  req.start_delay = Millis(start_delay);
  req.params = parse_params(a, i + 6);
  auto call = client.perform(req);
  if (!call) return fail(call.status());
  if (req.interval.count() == 0) {
    Millis wait = (req.timeout.count() > 0 ? req.timeout : Millis(20000)) + Millis(30000);
    auto result = client.wait_for_result(*call, wait);
    if (!result) return fail(result.status());
    print_result(*result);
    return result->op_status == OpStatus::done ? result->rc
                                                : 100 + static_cast<int>(result->op_status);
  }
  std::printf("recurring operation %s on %s: call id %d\n", req.operation.c_str(),
              req.rsc_id.c_str(), *call);
  std::fflush(stdout);
  client.on_result([&](const OperationResult& r) {
    if (r.call_id == *call) print_result(r);
  });
  (void)client.wait_for_result(-1, watch_seconds > 0 ? Millis(watch_seconds * 1000)
                                                      : Millis(365LL * 24 * 3600 * 1000));
  return 0;
}

int state(LrmdClient& client, const std::string& id, bool with_ops) {
  auto states = client.state(id);
  if (!states) return fail(states.status());
  if (!id.empty() && states->empty()) return fail(Status::error("resource " + id + " does not exist"));
  for (const auto& s : *states) {
    print_resource(s.spec);
    if (!with_ops) continue;
    for (const auto& op : s.recurring)
      std::printf("  recurring: %s interval %lld ms (call %d)\n", op.request.operation.c_str(),
                  static_cast<long long>(op.request.interval.count()), op.call_id);
    for (const auto& r : s.last_results) {
      std::printf("  last: ");
      print_result(r);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv, argv + argc);
  std::string service(kDefaultServiceName);
  long watch_seconds = 0, start_delay = 0;
  std::vector<std::string> args;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i] == "--service" && i + 1 < a.size()) service = a[++i];
    else if (a[i] == "--watch" && i + 1 < a.size()) watch_seconds = std::atol(a[++i].c_str());
    else if (a[i] == "--start-delay" && i + 1 < a.size()) start_delay = std::atol(a[++i].c_str());
    else args.push_back(a[i]);
  }
  if (args.empty() || is(args[0], "-h", "--help")) {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  const std::string& cmd = args[0];
  if (is(cmd, "-v", "--version")) {
    std::printf("pacer-lrmadmin (pacer lrmd protocol %u)\n", kProtocolVersion);
    return 0;
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return fail(loop.status());
  auto client = LrmdClient::connect(**loop, service);
  if (!client) return fail(client.status());
  LrmdClient& c = **client;
  auto need = [&](size_t n) {
    if (args.size() >= n + 1) return true;
    std::fputs(kUsage, stderr);
    return false;
  };
  auto done = [](const Status& s) { return s ? 0 : fail(s); };
  auto provider_arg = [](const std::string& p) { return p == "NULL" ? std::string() : p; };

  if (is(cmd, "-A", "--add")) {
    if (!need(4)) return 2;
    ResourceSpec spec{args[1], args[2], provider_arg(args[4]), args[3], parse_params(args, 5)};
    return done(c.register_resource(spec));
  }
  if (is(cmd, "-D", "--delete")) return need(1) ? done(c.unregister_resource(args[1])) : 2;
  if (is(cmd, "-F", "--flush")) return need(1) ? done(c.flush(args[1])) : 2;
  if (is(cmd, "-E", "--execute")) {
    int rc = execute(c, args, 0, watch_seconds, start_delay);
    if (rc == 2 && args.size() < 6) std::fputs(kUsage, stderr);
    return rc;
  }
  if (is(cmd, "-c", "--cancel")) return need(2) ? done(c.cancel(args[1], std::atoi(args[2].c_str()))) : 2;
  if (is(cmd, "-S", "--state")) return need(1) ? state(c, args[1], true) : 2;
  if (is(cmd, "-I", "--information")) return need(1) ? state(c, args[1], false) : 2;
  if (is(cmd, "-L", "--listall")) return state(c, "", false);
  if (is(cmd, "-C", "--raclass_supported")) return print_list(c.classes());
  if (is(cmd, "-T", "--ratype_supported"))
    return need(1) ? print_list(c.types(args[1], args.size() > 2 ? args[2] : "")) : 2;
  if (is(cmd, "-P", "--provider")) return need(2) ? print_list(c.providers(args[1], args[2])) : 2;
  if (is(cmd, "-M", "--metadata")) {
    if (!need(3)) return 2;
    auto xml = c.metadata(args[1], args[2], provider_arg(args[3]));
    if (!xml) return fail(xml.status());
    std::fputs(xml->c_str(), stdout);
    return 0;
  }
  if (is(cmd, "-O", "--all")) {
    if (!need(1)) return 2;
    auto providers = c.providers(args[1]);
    if (!providers) return fail(providers.status());
    std::vector<std::string> provs = providers->empty() ? std::vector<std::string>{""} : *providers;
    int rc = 0;
    for (const auto& p : provs) {
      auto types = c.types(args[1], p);
      if (!types) return fail(types.status());
      for (const auto& t : *types) {
        auto xml = c.metadata(args[1], t, p);
        if (!xml) {
          rc = fail(xml.status());
          continue;
        }
        std::fputs(xml->c_str(), stdout);
      }
    }
    return rc;
  }
  if (is(cmd, "-p", "--set_lrmd_param")) return need(2) ? done(c.set_param(args[1], args[2])) : 2;
  if (is(cmd, "-g", "--get_lrmd_param")) {
    if (!need(1)) return 2;
    auto v = c.get_param(args[1]);
    if (!v) return fail(v.status());
    std::printf("%s\n", v->c_str());
    return 0;
  }
  std::fputs(kUsage, stderr);
  return 2;
}
