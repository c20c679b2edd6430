// crm_simulate: runs the policy engine on a saved CIB and prints what the cluster would do.
// Wiring only: read the file, call schedule(), print the sections Pacemaker's tool prints.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/xml.h"
#include "pengine/cluster_status.h"
#include "cibd/cib_client.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "pengine/graph_dot.h"
#include "pengine/graph_xml.h"
#include "pengine/schedule.h"
#include "pengine/scores_output.h"
#include "pengine/simulation_injection.h"
#include "pengine/transition_summary.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 64;
constexpr int kExitNoInput = 66;
constexpr int kExitConfig = 78;

struct Args {
  std::string xml_file;      // -x
  bool live = false;         // -L
  bool run = false;          // -R
  bool simulate = false;     // -S
  bool scores = false;       // -s
  std::string quorum;        // -q
  std::string graph_file;    // -G
  std::string dot_file;      // -D
  std::string input_save;    // -I
  std::string output_save;   // -O
  std::vector<std::string> nodes_up, nodes_down, nodes_fail;  // -u -d -f
  std::vector<std::string> op_inject, op_fail;                 // -i -F
};

void usage() {
  std::cerr << "Usage: crm_simulate (-x FILE | -L) [-R|-S] [-s] [options]\n"
               "  -x, --xml-file=FILE     read the CIB from FILE\n"
               "  -L, --live-check        read the running cluster's CIB from cibd\n"
               "  -R, --run               show what the cluster would do\n"
               "  -S, --simulate          like -R, then simulate the transition and show the result\n"
               "  -s, --show-scores       show allocation scores\n"
               "  -G, --save-graph=FILE   write the transition graph XML to FILE\n"
               "  -D, --save-dotfile=FILE write the transition graph in dot format to FILE\n"
               "  -I, --save-input=FILE   write the input CIB (after the modifications) to FILE\n"
               "  -O, --save-output=FILE  write the CIB after the simulated transition to FILE\n"
               "  -u, --node-up=NODE      bring NODE online\n"
               "  -d, --node-down=NODE    take NODE offline\n"
               "  -f, --node-fail=NODE    mark NODE failed (unclean)\n"
               "  -i, --op-inject=SPEC    inject an operation result: RSC_TASK_INTERVAL@NODE=RC\n"
               "  -F, --op-fail=SPEC      with -S, make that operation fail: RSC_TASK_INTERVAL@NODE=RC\n"
               "  -q, --quorum=QUORUM     1/true: the partition has quorum\n"
               "  -V, --verbose           accepted for compatibility\n";
}

// Options that take a value: short letter, long name, where the value goes.
struct ValueOption {
  char short_name;
  std::string_view long_name;
  std::string Args::*single = nullptr;
  std::vector<std::string> Args::*repeated = nullptr;
};

const ValueOption kValueOptions[] = {
    {'x', "--xml-file", &Args::xml_file},       {'q', "--quorum", &Args::quorum},
    {'G', "--save-graph", &Args::graph_file},   {'D', "--save-dotfile", &Args::dot_file},
    {'I', "--save-input", &Args::input_save},   {'O', "--save-output", &Args::output_save},
    {'u', "--node-up", nullptr, &Args::nodes_up},   {'d', "--node-down", nullptr, &Args::nodes_down},
    {'f', "--node-fail", nullptr, &Args::nodes_fail}, {'i', "--op-inject", nullptr, &Args::op_inject},
    {'F', "--op-fail", nullptr, &Args::op_fail},
};

void store(Args& args, const ValueOption& option, std::string value) {
  if (option.single) args.*option.single = std::move(value);
  else (args.*option.repeated).push_back(std::move(value));
}

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool matched = false;
    for (const ValueOption& option : kValueOptions) {
      std::string long_name(option.long_name);
      if (a.rfind(long_name + "=", 0) == 0) {
        store(args, option, a.substr(long_name.size() + 1));
      } else if (a == long_name || a == std::string{'-', option.short_name}) {
        if (i + 1 >= argc) return false;
        store(args, option, argv[++i]);
      } else if (a.size() > 2 && a[0] == '-' && a[1] == option.short_name) {
        store(args, option, a.substr(2));  // -xFILE
      } else {
        continue;
      }
      matched = true;
      break;
    }
    if (matched) continue;
    if (a == "--run") args.run = true;
    else if (a == "--simulate") args.simulate = true;
    else if (a == "--show-scores") args.scores = true;
    else if (a == "--live-check") args.live = true;
    else if (a == "--verbose") continue;
    else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (char c : a.substr(1)) {  // bundled short flags: -LS, -sS, -VVV
        if (c == 'R') args.run = true;
        else if (c == 'S') args.simulate = true;
        else if (c == 's') args.scores = true;
        else if (c == 'L') args.live = true;
        else if (c == 'V') continue;
        else return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

pacer::Result<pacer::XmlDocument> read_input(const Args& args) {
  using namespace pacer;
  if (args.live) {
    RealClock clock;
    auto loop = ipc::EventLoop::create(clock);
    if (!loop) return loop.status();
    auto client = cib::connect_cib(**loop);
    if (!client) return Status::error("cannot read the live CIB: " + client.error_message());
    auto reply = (*client)->perform(cib::CibRequest{});
    if (!reply) return Status::error("cannot read the live CIB: " + reply.error_message());
    return XmlDocument::parse(reply->output, (*client)->describe());
  }
  std::ifstream in(args.xml_file);
  if (!in) return Status::error("cannot read " + args.xml_file);
  std::stringstream text;
  text << in.rdbuf();
  return XmlDocument::parse(text.str(), args.xml_file);
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (out) return true;
  std::cerr << "crm_simulate: cannot write " << path << "\n";
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer;
  using namespace pacer::pengine;
  Args args;
  if (!parse_args(argc, argv, args)) {
    usage();
    return kExitUsage;
  }
  if (!args.live && args.xml_file.empty()) {
    std::cerr << "crm_simulate: no input: give -x FILE or -L\n";
    return kExitNoInput;
  }
  auto cib = read_input(args);
  if (!cib) {
    std::cerr << "crm_simulate: " << cib.error_message() << "\n";
    return args.live || cib.error_message().starts_with("cannot read") ? kExitNoInput : kExitConfig;
  }
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  std::vector<OpInjection> failures;
  for (const std::string& spec : args.op_fail) {
    auto op = parse_op_injection(spec);
    if (!op) {
      std::cerr << "crm_simulate: " << op.error_message() << "\n";
      return kExitUsage;
    }
    failures.push_back(std::move(*op));
  }
  if (!args.quorum.empty())
    cib->root().set_attribute("have-quorum", args.quorum == "1" || args.quorum == "true" ? "1" : "0");

  // The status before any requested modification is what "Current cluster status" shows.
  auto before = schedule(*cib, now, ScheduleOptions{});
  if (!before) {
    std::cerr << "crm_simulate: " << before.error_message() << "\n";
    return kExitConfig;
  }
  std::string out = format_disabled_count(before->working_set) + "Current cluster status:\n" +
                    format_cluster_status(before->working_set);

  CibInjector injector(*cib, now);
  for (const std::string& node : args.nodes_up) injector.node_up(node);
  for (const std::string& node : args.nodes_down) injector.node_down(node);
  for (const std::string& node : args.nodes_fail) injector.node_fail(node);
  for (const std::string& spec : args.op_inject) {
    auto op = parse_op_injection(spec);
    Status injected = op ? injector.inject_op(*op) : op.status();
    if (!injected) {
      std::cerr << "crm_simulate: " << injected.message() << "\n";
      return kExitConfig;
    }
  }
  const bool modified = !injector.lines().empty();
  if (modified) out += "\nPerforming Requested Modifications:\n" + injector.lines();
  if (!args.input_save.empty() && !write_file(args.input_save, cib->serialize(true))) return kExitNoInput;

  auto result = modified ? schedule(*cib, now, ScheduleOptions{}) : std::move(before);
  if (!result) {
    std::cerr << "crm_simulate: " << result.error_message() << "\n";
    return kExitConfig;
  }
  if (args.scores) out += "\n" + format_allocation_scores(*result);
  if (args.run || args.simulate) out += "\n" + format_transition_summary(*result);
  if (args.simulate || !args.output_save.empty()) {
    // As the reference does: every action's result goes into the CIB, and the revised status is
    // what that CIB unpacks to.
    XmlDocument after = cib->copy();
    auto run = execute_transition(after, *result, failures, now);
    if (!run) {
      std::cerr << "crm_simulate: " << run.error_message() << "\n";
      return kExitConfig;
    }
    if (!args.output_save.empty() && !write_file(args.output_save, after.serialize(true))) return kExitNoInput;
    if (args.simulate) {
      auto revised = schedule(after, now, ScheduleOptions{});
      if (!revised) {
        std::cerr << "crm_simulate: the simulated outcome: " << revised.error_message() << "\n";
        return kExitConfig;
      }
      out += "\nExecuting Cluster Transition:\n" + format_executed_actions(*result, run->executed) + run->failure_lines;
      out += "\nRevised Cluster Status:\n" + format_cluster_status(revised->working_set);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!args.graph_file.empty() && !write_file(args.graph_file, format_graph_xml(*result))) return kExitNoInput;
  if (!args.dot_file.empty() && !write_file(args.dot_file, format_graph_dot(*result))) return kExitNoInput;
  return kExitOk;
}
