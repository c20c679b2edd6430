// crm_mon's flags, as Pacemaker 1.0's crm_mon took them. -h is the HTML file (not help), as in
// 1.0; help is -? or --help.
#include "tools/crm_mon_options.h"

#include <fmt/format.h>

namespace pacer::tools {

std::string monitor_usage() {
  return R"(crm_mon - show the cluster's state (Pacemaker 1.0 layout)

Usage: crm_mon [options]
  -1, --one-shot              print the state once and exit
  -i, --interval=SECONDS      refresh interval in interactive mode (default 15); q or Ctrl-C quits
  -f, --failcounts            show the Migration summary (fail counts)
  -A, --show-node-attributes  show node attributes (with ping Connectivity notes)
  -r, --inactive              show inactive resources too
  -n, --group-by-node         group resources by node
  -o, --operations            show the operation history instead of the Migration summary
  -s, --simple-status         one-line check for Nagios: exit 0 OK, 1 WARNING, 2 CRITICAL
  -x, --xml-file=FILE         read the CIB from FILE instead of the cluster
  -X, --as-xml                print the state as XML (schema: crm_mon.rng)
  -h, --as-html=FILE          write an HTML status page to FILE (every interval unless -1)
  -d, --daemonize             run in the background (needs -h)
  -p, --pid-file=FILE         with -d: write the daemon's pid to FILE
  -?, --help                  this text
      --version               pacer's version
The CIB is read from cibd, from $CIB_file when set, or from -x FILE.
)";
}

Result<MonitorOptions> parse_monitor_options(const std::vector<std::string>& args) {
  MonitorOptions o;
  auto need_value = [&](size_t& i, const std::string& flag,
                        std::optional<std::string> inline_value) -> Result<std::string> {
    if (inline_value) return *inline_value;
    if (i + 1 >= args.size()) return Status::error(fmt::format("{} needs a value", flag));
    return args[++i];
  };
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::optional<std::string> inline_value;
    if (a.starts_with("--")) {
      auto eq = a.find('=');
      if (eq != std::string::npos) {
        inline_value = a.substr(eq + 1);
        a = a.substr(0, eq);
      }
      static const std::pair<const char*, const char*> long_names[] = {
          {"--one-shot", "-1"}, {"--interval", "-i"}, {"--failcounts", "-f"},
          {"--show-node-attributes", "-A"}, {"--inactive", "-r"}, {"--group-by-node", "-n"},
          {"--operations", "-o"}, {"--simple-status", "-s"}, {"--xml-file", "-x"},
          {"--as-xml", "-X"}, {"--as-html", "-h"}, {"--daemonize", "-d"}, {"--pid-file", "-p"},
          {"--help", "-?"}};
      std::string short_name;
      for (auto& [l, s] : long_names)
        if (a == l) short_name = s;
      if (a == "--version") {
        o.version = true;
        continue;
      }
      if (short_name.empty()) return Status::error(fmt::format("unknown option {}", a));
      a = short_name;
    } else if (a.size() > 2 && a[0] == '-') {
      // Bundled flags: -fA1; a flag taking a value takes the rest of the word or the next one.
      for (size_t k = 1; k < a.size(); ++k) {
        char c = a[k];
        if (c == 'i' || c == 'x' || c == 'h' || c == 'p') {
          std::string rest = a.substr(k + 1);
          std::vector<std::string> sub = {std::string("-") + c};
          if (!rest.empty()) sub.push_back(rest);
          else if (i + 1 < args.size()) sub.push_back(args[++i]);
          auto parsed = parse_monitor_options(sub);
          if (!parsed) return parsed;
          if (c == 'i') o.interval_s = parsed->interval_s;
          if (c == 'x') o.cib_file = parsed->cib_file;
          if (c == 'h') o.html_file = parsed->html_file;
          if (c == 'p') o.pid_file = parsed->pid_file;
          break;
        }
        auto parsed = parse_monitor_options({std::string("-") + c});
        if (!parsed) return parsed;
        MonitorOptions& p = *parsed;
        o.one_shot |= p.one_shot;
        o.display.fail_counts |= p.display.fail_counts;
        o.display.attributes |= p.display.attributes;
        o.display.inactive |= p.display.inactive;
        o.display.group_by_node |= p.display.group_by_node;
        o.display.operations |= p.display.operations;
        o.daemonize |= p.daemonize;
        o.help |= p.help;
        if (p.output != MonitorOutput::text) o.output = p.output;
      }
      continue;
    }
    if (a == "-1") o.one_shot = true;
    else if (a == "-f") o.display.fail_counts = true;
    else if (a == "-A") o.display.attributes = true;
    else if (a == "-r") o.display.inactive = true;
    else if (a == "-n") o.display.group_by_node = true;
    else if (a == "-o") o.display.operations = true;
    else if (a == "-s") o.output = MonitorOutput::simple;
    else if (a == "-X") o.output = MonitorOutput::xml;
    else if (a == "-d") o.daemonize = true;
    else if (a == "-?") o.help = true;
    else if (a == "-i") {
      auto v = need_value(i, a, inline_value);
      if (!v) return v.status();
      try {
        size_t used = 0;
        o.interval_s = std::stoi(*v, &used);
        if (used != v->size() || o.interval_s <= 0) throw std::invalid_argument("");
      } catch (...) {
        return Status::error(fmt::format("-i: '{}' is not a number of seconds", *v));
      }
    } else if (a == "-x" || a == "-h" || a == "-p") {
      auto v = need_value(i, a, inline_value);
      if (!v) return v.status();
      (a == "-x" ? o.cib_file : a == "-h" ? o.html_file : o.pid_file) = *v;
    } else {
      return Status::error(fmt::format("unknown option {}", a));
    }
  }
  if (o.daemonize && o.html_file.empty())
    return Status::error("-d needs -h FILE: a daemon has no screen to print to");
  return o;
}

}  // namespace pacer::tools
