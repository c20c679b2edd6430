// stonith_admin's flags, Pacemaker 2.1 spelling: short options with their long forms.
#include "stonithd/stonith_admin_options.h"

#include <charconv>
#include <map>

#include <fmt/format.h>

namespace pacer::stonithd {

std::string admin_usage() {
  return "usage: stonith_admin [options]\n"
         "  -L, --list-registered      list the devices registered with the local stonithd\n"
         "  -I, --list-installed       list the installed agents\n"
         "  -l, --list=NODE            list the registered devices that can fence NODE\n"
         "  -B, --reboot=NODE          fence NODE with the reboot (reset) action\n"
         "  -F, --fence=NODE           fence NODE with the off action\n"
         "  -U, --unfence=NODE         unfence NODE (the on action)\n"
         "  -H, --history=NODE         show the last successful fencing of NODE ('*' for all nodes);\n"
         "                             with -V every recorded and pending one, with -q its epoch time\n"
         "  -M, --metadata             show the meta-data of the agent given with -a\n"
         "  -a, --agent=AGENT          the agent (stonith type) for -M\n"
         "  -t, --timeout=SECONDS      operation timeout (default 120)\n"
         "  -q, --quiet                less output\n"
         "  -V, --verbose              more output\n"
         "  -?, --help                 this text\n";
}

Result<AdminOptions> parse_admin_options(const std::vector<std::string>& args) {
  static const std::map<std::string, char> long_names = {
      {"list-registered", 'L'}, {"list-installed", 'I'}, {"list", 'l'}, {"reboot", 'B'},
      {"fence", 'F'}, {"unfence", 'U'}, {"history", 'H'}, {"metadata", 'M'}, {"agent", 'a'},
      {"timeout", 't'}, {"quiet", 'q'}, {"verbose", 'V'}, {"help", '?'}, {"last", 'h'}};
  auto takes_value = [](char c) { return std::string_view("lBFUHat").find(c) != std::string_view::npos; };
  AdminOptions o;
  auto set_command = [&](AdminCommand c) -> Status {
    if (o.command != AdminCommand::none && o.command != c)
      return Status::error("only one command may be given");
    o.command = c;
    return Status::ok();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    char flag = 0;
    std::optional<std::string> value;
    if (a.starts_with("--")) {
      std::string name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
      }
      auto it = long_names.find(name);
      if (it == long_names.end()) return Status::error(fmt::format("unknown option '{}'", a));
      flag = it->second;
    } else if (a.size() >= 2 && a[0] == '-') {
      flag = a[1];
      if (a.size() > 2) value = a.substr(2);
    } else {
      return Status::error(fmt::format("unexpected argument '{}'", a));
    }
    if (takes_value(flag) && !value) {
      if (i + 1 >= args.size()) return Status::error(fmt::format("option '{}' needs a value", a));
      value = args[++i];
    }
    Status s;
    switch (flag) {
      case 'L': s = set_command(AdminCommand::list_registered); break;
      case 'I': s = set_command(AdminCommand::list_installed); break;
      case 'M': s = set_command(AdminCommand::metadata); break;
      case 'l': s = set_command(AdminCommand::list_target); o.target = *value; break;
      case 'B': s = set_command(AdminCommand::fence); o.action = FenceAction::reset; o.target = *value; break;
      case 'F': s = set_command(AdminCommand::fence); o.action = FenceAction::off; o.target = *value; break;
      case 'U': s = set_command(AdminCommand::fence); o.action = FenceAction::on; o.target = *value; break;
      case 'H': s = set_command(AdminCommand::history); o.target = *value == "*" ? "" : *value; break;
      case 'a': o.agent = *value; break;
      case 't': {
        int seconds = 0;
        auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
        if (ec != std::errc() || end != value->data() + value->size() || seconds <= 0)
          return Status::error(fmt::format("bad timeout '{}'", *value));
        o.timeout = Millis(seconds * 1000LL);
        break;
      }
      case 'q': o.quiet = true; break;
      case 'V': ++o.verbose; break;
      case '?': o.help = true; break;
      // Pacemaker 2.1's -h is --last=NODE (when NODE was last fenced), not help: refused rather
      // than mistaken for it.
      case 'h': return Status::error("-h/--last is not supported; -H NODE -q prints the last fencing's time");
      default: return Status::error(fmt::format("unknown option '{}'", a));
    }
    if (!s) return s;
  }
  if (o.help) return o;
  if (o.command == AdminCommand::none) return Status::error("no command given");
  if (o.command == AdminCommand::metadata && o.agent.empty()) return Status::error("-M needs -a AGENT");
  if ((o.command == AdminCommand::list_target || o.command == AdminCommand::fence) && o.target.empty())
    return Status::error("a node name is required");
  return o;
}

std::vector<proto::stonithd::HistoryEntry> history_to_show(const std::vector<proto::stonithd::HistoryEntry>& entries,
                                                           bool verbose) {
  if (verbose) return entries;
  const proto::stonithd::HistoryEntry* last = nullptr;
  for (const auto& e : entries)
    if (e.state() == proto::stonithd::DONE && (!last || e.completed_ms() >= last->completed_ms())) last = &e;
  if (!last) return {};
  return {*last};
}

}  // namespace pacer::stonithd
