// attrd_updater's option parsing (no getopt: it keeps global state, and this is unit-tested).
#include "attrd/attrd_updater_options.h"

#include <fmt/format.h>

#include "attrd/pacemaker_duration.h"

namespace pacer::attrd {
namespace {

struct Flag {
  char letter;
  const char* long_name;
  bool takes_value;
};

constexpr Flag kFlags[] = {
    {'n', "name", true},      {'U', "update", true},   {'v', "value", true},
    {'B', "update-both", true}, {'D', "delete", false}, {'Q', "query", false},
    {'d', "delay", true},     {'l', "lifetime", true}, {'N', "node", true},
    {'s', "set", true},       {'S', "section", true},  {'q', "quiet", false},
    {'h', "help", false},     {'?', "help", false},    {'$', "version", false},
    {'V', "verbose", false},  {'A', "all", false},    {'R', "refresh", false},
};

const Flag* find_letter(char c) {
  for (const Flag& f : kFlags)
    if (f.letter == c) return &f;
  return nullptr;
}

const Flag* find_long(std::string_view name) {
  for (const Flag& f : kFlags)
    if (name == f.long_name) return &f;
  return nullptr;
}

}  // namespace

std::string updater_usage() {
  return "usage: attrd_updater -n NAME (-U|-v VALUE | -B VALUE | -D | -Q) [-d DAMPEN] [-l reboot|forever]\n"
         "                     [-N NODE] [-q]\n"
         "  -U, -v VALUE  set the attribute (VALUE may be value++ or value+=N)\n"
         "  -B VALUE      set the attribute and its dampening (-d) together\n"
         "  -D            delete the attribute\n"
         "  -Q            print the attribute's value\n"
         "  -d DAMPEN     wait this long (5s, 500ms) for changes to settle before writing\n"
         "  -l LIFETIME   reboot (status section, default) or forever (nodes section)\n"
         "  -N NODE       the node whose attribute it is (default: this one)\n"
         "  -R            make attrd write all of this node's values to the CIB again\n";
}

Result<UpdaterCommand> parse_updater_args(const std::vector<std::string>& args) {
  UpdaterCommand cmd;
  enum class Action { none, set, both, remove, query } action = Action::none;
  std::optional<std::string> value;
  std::optional<std::string> dampen;
  auto set_action = [&](Action a) -> Status {
    if (action != Action::none && action != a)
      return Status::error("choose one of -U/-v, -B, -D and -Q");
    action = a;
    return Status::ok();
  };
  auto apply = [&](const Flag& f, const std::string& arg) -> Status {
    switch (f.letter) {
      case 'n': cmd.update.name = arg; break;
      case 'U': case 'v': value = arg; return set_action(Action::set);
      case 'B': value = arg; return set_action(Action::both);
      case 'D': return set_action(Action::remove);
      case 'Q': return set_action(Action::query);
      case 'd': dampen = arg; break;
      case 'l':
        if (arg == "reboot") cmd.update.lifetime = Lifetime::reboot;
        else if (arg == "forever") cmd.update.lifetime = Lifetime::forever;
        else return Status::error(fmt::format("unknown lifetime '{}' (reboot or forever)", arg));
        break;
      case 'S':
        if (arg == "status") cmd.update.lifetime = Lifetime::reboot;
        else if (arg == "nodes") cmd.update.lifetime = Lifetime::forever;
        else return Status::error(fmt::format("unknown section '{}' (status or nodes)", arg));
        break;
      case 'N': cmd.update.node = arg; break;
      case 'q': cmd.quiet = true; break;
      case 'h': case '?': cmd.kind = UpdaterCommand::Kind::help; break;
      case '$': cmd.kind = UpdaterCommand::Kind::version; break;
      case 'R': cmd.kind = UpdaterCommand::Kind::refresh; break;
      default: break;  // -s, -V, -A: accepted, no effect
    }
    return Status::ok();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 2 && a.starts_with("--")) {
      std::string name = a.substr(2);
      std::optional<std::string> inline_value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      const Flag* f = find_long(name);
      if (f == nullptr) return Status::error(fmt::format("unknown option '{}'", a));
      std::string arg;
      if (f->takes_value) {
        if (inline_value) arg = *inline_value;
        else if (i + 1 < args.size()) arg = args[++i];
        else return Status::error(fmt::format("option '{}' needs a value", a));
      }
      if (Status s = apply(*f, arg); !s) return s;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') return Status::error(fmt::format("unexpected argument '{}'", a));
    for (std::size_t j = 1; j < a.size(); ++j) {
      const Flag* f = find_letter(a[j]);
      if (f == nullptr) return Status::error(fmt::format("unknown option '-{}'", a[j]));
      std::string arg;
      if (f->takes_value) {
        if (j + 1 < a.size()) arg = a.substr(j + 1);
        else if (i + 1 < args.size()) arg = args[++i];
        else return Status::error(fmt::format("option '-{}' needs a value", a[j]));
        j = a.size();
      }
      if (Status s = apply(*f, arg); !s) return s;
    }
  }
  if (cmd.kind != UpdaterCommand::Kind::update) return cmd;
  if (cmd.update.name.empty()) return Status::error("-n NAME is required");
  if (Status s = validate_name(cmd.update.name); !s) return s;
  if (!cmd.update.node.empty())
    if (Status s = validate_node(cmd.update.node); !s) return s;
  if (dampen) {
    auto d = parse_duration(*dampen);
    if (!d || *d > kMaxDampen) return Status::error(fmt::format("invalid dampening '{}'", *dampen));
    cmd.update.dampen = *d;
  }
  switch (action) {
    case Action::none:
      // Pacemaker: -d alone changes the dampening only.
      if (!cmd.update.dampen) return Status::error("nothing to do: give -U/-v, -B, -D, -Q or -d");
      break;
    case Action::set:
    case Action::both:
      if (Status s = validate_value(*value); !s) return s;
      cmd.update.value = value;
      break;
    case Action::remove: cmd.update.remove = true; break;
    case Action::query: cmd.kind = UpdaterCommand::Kind::query; break;
  }
  return cmd;
}

}  // namespace pacer::attrd
