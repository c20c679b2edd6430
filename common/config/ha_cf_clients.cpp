// ha.cf directives about the programs heartbeat supervises (pacemaker/crm, respawn, failfast) and
// who may sign on to its API (apiauth).
#include <fmt/format.h>

#include "common/config/config_tokenizer.h"
#include "common/config/ha_cf_handlers.h"
#include "common/config/pacemaker_expansion.h"

namespace pacer::config {
namespace {

std::string_view directive_for(ChildKind kind) {
  return kind == ChildKind::failfast ? "failfast" : "respawn";
}

// respawn|failfast <user> <abs-path> [args]. The arguments are the rest of the line as written
// (commas included): they are a command line, not a list.
Status add_child(ParseState& state, const ConfigLine& line, ChildKind kind) {
  if (line.values.size() < 2) {
    return Status::error(
        fmt::format("Directive [{}] needs a user and a program path", line.directive));
  }
  const std::string_view user = line.values[0];
  const std::string_view path = line.values[1];
  if (!state.env.user_exists(user)) {
    return Status::error(fmt::format("Invalid user [{}] for {} [{}]", user, line.directive, path));
  }
  if (path.front() != '/') {
    return Status::error(
        fmt::format("{} program [{}] is not an absolute path", line.directive, path));
  }
  // `path` and `rest` both point into the line; the arguments start where the path ends.
  const auto path_end = static_cast<std::size_t>(path.data() + path.size() - line.rest.data());
  std::string_view args = line.rest.substr(path_end);
  while (!args.empty() && is_token_separator(args.front())) args.remove_prefix(1);

  ChildProgram child;
  child.kind = kind;
  child.user = std::string(user);
  child.path = std::string(path);
  child.args = std::string(args);
  child.line = line.number;
  state.config.children.push_back(std::move(child));
  return Status::ok();
}

}  // namespace

// pacemaker|crm <mode>: expands in place into apiauth entries and children, so the daemons start
// before the respawn lines that follow. Paths are joined with the daemon directory once the whole
// file is read, so crm_daemon_dir may come anywhere.
Status handle_pacemaker(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto mode = parse_pacemaker_mode(*value);
  if (!mode) {
    return Status::error(
        fmt::format("Invalid value [{}] for {} (on, off, respawn, minimal, manual, valgrind)",
                    *value, line.directive));
  }
  // Expanding twice would start every daemon twice.
  if (const int earlier = state.line_of("pacemaker"); earlier != 0) {
    return Status::error(fmt::format("Directive [{}] given more than once (first on line {})",
                                     line.directive, earlier));
  }
  state.last_line["pacemaker"] = line.number;
  state.config.pacemaker = *mode;

  for (const ImpliedApiAuth& entry : pacemaker_apiauth(*mode)) {
    set_apiauth(state.config.apiauth,
                ApiAuth{std::string(entry.client), {std::string(entry.user)}, {}});
  }
  for (const ImpliedChild& implied : pacemaker_children(*mode)) {
    if (!state.env.user_exists(implied.user)) {
      return Status::error(fmt::format("Invalid user [{}] for {} [{}]", implied.user,
                                       directive_for(implied.kind), implied.program));
    }
    ChildProgram child;
    child.kind = implied.kind;
    child.user = std::string(implied.user);
    child.path = std::string(implied.program);  // made absolute by finish_ha_config
    child.args = std::string(implied.args);
    child.from_pacemaker = true;
    child.under_valgrind = implied.under_valgrind;
    child.line = line.number;
    state.config.children.push_back(std::move(child));
  }
  return Status::ok();
}

Status handle_respawn(ParseState& state, const ConfigLine& line) {
  return add_child(state, line, ChildKind::respawn);
}

Status handle_failfast(ParseState& state, const ConfigLine& line) {
  return add_child(state, line, ChildKind::failfast);
}

// apiauth <client> [uid=u1,u2] [gid=g1,g2]. Names are kept as written: the API server resolves
// them when a client signs on, as heartbeat does.
Status handle_apiauth(ParseState& state, const ConfigLine& line) {
  if (line.values.empty()) {
    return Status::error("Directive [apiauth] needs a client name and uid= or gid=");
  }
  // The uid/gid lists use commas inside one blank-separated word, so split `rest` on blanks.
  const auto words = split_tokens(line.rest, " \t\r\f");
  if (words.empty() || words[0].find_first_of("=,") != std::string_view::npos) {
    return Status::error(fmt::format("Invalid apiauth client name [{}]", line.rest));
  }
  ApiAuth entry;
  entry.client = std::string(words[0]);
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view word = words[i];
    std::vector<std::string>* list = nullptr;
    if (word.starts_with("uid=")) list = &entry.users;
    if (word.starts_with("gid=")) list = &entry.groups;
    if (list == nullptr) {
      return Status::error(
          fmt::format("Invalid apiauth word [{}] for client [{}]: expected uid=... or gid=...",
                      word, entry.client));
    }
    for (std::string_view name : split_tokens(word.substr(4), ",")) list->emplace_back(name);
  }
  if (entry.users.empty() && entry.groups.empty()) {
    return Status::error(
        fmt::format("Directive [apiauth] needs uid= or gid= for client [{}]", entry.client));
  }
  set_apiauth(state.config.apiauth, std::move(entry));
  return Status::ok();
}

}  // namespace pacer::config
