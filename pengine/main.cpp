// crm_simulate: runs the policy engine on a saved CIB and prints what the cluster would do.
// Wiring only: read the file, call schedule(), print the sections Pacemaker's tool prints.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "common/xml.h"
#include "pengine/cluster_status.h"
#include "pengine/graph_xml.h"
#include "pengine/schedule.h"
#include "pengine/scores_output.h"
#include "pengine/transition_summary.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 64;
constexpr int kExitNoInput = 66;
constexpr int kExitConfig = 78;

struct Args {
  std::string xml_file;
  bool run = false;       // -R
  bool simulate = false;  // -S
  bool scores = false;    // -s
  bool live = false;      // -L
  std::string quorum;     // -q
  std::string graph_file; // -G
};

void usage() {
  std::cerr << "Usage: crm_simulate -x FILE [-R|-S] [-s] [-q QUORUM]\n"
               "  -x, --xml-file=FILE   read the CIB from FILE\n"
               "  -R, --run             show what the cluster would do\n"
               "  -S, --simulate        like -R, then show the resulting status\n"
               "  -s, --show-scores     show allocation scores\n"
               "  -G, --save-graph=FILE write the transition graph XML to FILE\n"
               "  -q, --quorum=QUORUM   1/true: the partition has quorum\n"
               "  -L, --live-check      use the running CIB (not available yet)\n";
}

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string_view long_name) -> std::optional<std::string> {
      if (a.rfind(std::string(long_name) + "=", 0) == 0) return a.substr(long_name.size() + 1);
      if (i + 1 < argc) return std::string(argv[++i]);
      return std::nullopt;
    };
    if (a == "-x" || a.rfind("--xml-file", 0) == 0) {
      auto v = value("--xml-file");
      if (!v) return false;
      args.xml_file = *v;
    } else if (a == "-q" || a.rfind("--quorum", 0) == 0) {
      auto v = value("--quorum");
      if (!v) return false;
      args.quorum = *v;
    } else if (a == "-G" || a.rfind("--save-graph", 0) == 0) {
      auto v = value("--save-graph");
      if (!v) return false;
      args.graph_file = *v;
    } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (char c : a.substr(1)) {  // bundled short flags: -LS, -sS
        if (c == 'R') args.run = true;
        else if (c == 'S') args.simulate = true;
        else if (c == 's') args.scores = true;
        else if (c == 'L') args.live = true;
        else return false;
      }
    } else if (a == "--run") args.run = true;
    else if (a == "--simulate") args.simulate = true;
    else if (a == "--show-scores") args.scores = true;
    else if (a == "--live-check") args.live = true;
    else return false;
  }
  return true;
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
  if (args.live || args.xml_file.empty()) {
    std::cerr << "crm_simulate: " << (args.live ? "reading the live CIB is not available yet (needs cibd)"
                                                : "no input: give -x FILE")
              << "\n";
    return kExitNoInput;
  }
  std::ifstream in(args.xml_file);
  if (!in) {
    std::cerr << "crm_simulate: cannot read " << args.xml_file << "\n";
    return kExitNoInput;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto cib = XmlDocument::parse(text.str(), args.xml_file);
  if (!cib) {
    std::cerr << "crm_simulate: " << cib.error_message() << "\n";
    return kExitConfig;
  }
  if (!args.quorum.empty())
    cib->root().set_attribute("have-quorum", args.quorum == "1" || args.quorum == "true" ? "1" : "0");
  auto result = schedule(*cib, static_cast<std::int64_t>(std::time(nullptr)), ScheduleOptions{});
  if (!result) {
    std::cerr << "crm_simulate: " << result.error_message() << "\n";
    return kExitConfig;
  }
  std::string out = format_disabled_count(result->working_set) + "Current cluster status:\n" + format_cluster_status(result->working_set);
  if (args.scores) out += "\n" + format_allocation_scores(*result);
  if (args.run || args.simulate) out += "\n" + format_transition_summary(*result);
  if (args.simulate) {
    out += "\nExecuting Cluster Transition:\n" + format_executed_actions(*result);
    out += "\nRevised Cluster Status:\n" + format_cluster_status(simulate_transition(*result));
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!args.graph_file.empty()) {
    std::ofstream graph(args.graph_file);
    graph << format_graph_xml(*result);
    if (!graph) {
      std::cerr << "crm_simulate: cannot write " << args.graph_file << "\n";
      return kExitNoInput;
    }
  }
  return kExitOk;
}
