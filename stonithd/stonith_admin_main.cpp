// stonith_admin: the fencing tool with Pacemaker 2.1's flags and exit codes, a client of the local
// stonithd (StonithdClient) except for -M and -I, which read the agents directly.
#include <dirent.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include <fmt/format.h>

#include "stonithd/client/stonithd_client.h"
#include "stonithd/stonith_admin_options.h"
#include "stonithd/stonithd_protocol.h"

namespace {

using namespace pacer;
using namespace pacer::stonithd;
namespace pb = proto::stonithd;

std::string when(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %z", &tm);
  return buf;
}

std::string_view word_of(pb::Action a) { return action_word(action_from_proto(a)); }

void print_history(const pb::HistoryEntry& e) {
  switch (e.state()) {
    case pb::DONE:
      fmt::print("{} of {} successful: delegate={}, client={}, origin={}, completed='{}'\n", word_of(e.action()),
                 e.target(), e.executioner(), e.client(), e.origin(), when(e.completed_ms()));
      break;
    case pb::FAILED:
      fmt::print("{} of {} failed: delegate={}, client={}, origin={}, last-failed='{}'\n", word_of(e.action()),
                 e.target(), e.executioner(), e.client(), e.origin(), when(e.completed_ms()));
      break;
    default:
      fmt::print("{} of {} pending: client={}, origin={}\n", word_of(e.action()), e.target(), e.client(),
                 e.origin());
  }
}

// pacer's wrapper when installed (it shows pacer's own external plugins), else cluster-glue's stonith.
std::string stonith_command() {
  return access(PACER_STONITH_COMMAND, X_OK) == 0 ? PACER_STONITH_COMMAND : "/usr/sbin/stonith";
}

int run_capture(const std::vector<std::string>& argv, bool print) {
  SpawnOptions o;
  o.argv = argv;
  o.env = std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
  auto r = run_process(o, Millis(30000));
  if (!r) {
    std::cerr << r.error_message() << "\n";
    return admin_exit::no_such;
  }
  if (print) std::cout << r->stdout_text;
  return r->succeeded() ? admin_exit::ok : admin_exit::no_such;
}

int metadata(const AdminOptions& o) {
  if (is_fence_agent(o.agent)) {
    if (o.agent.find('/') != std::string::npos) return admin_exit::invalid_param;
    return run_capture({"/usr/sbin/" + o.agent, "-o", "metadata"}, true);
  }
  return run_capture({stonith_command(), "-t", o.agent, "-m"}, true);
}

int list_installed() {
  SpawnOptions o;
  o.argv = {stonith_command(), "-L"};
  o.env = std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
  std::vector<std::string> agents;
  if (auto r = run_process(o, Millis(30000)); r && r->succeeded()) agents = parse_hosts(r->stdout_text);
  if (DIR* d = opendir("/usr/sbin")) {
    while (dirent* e = readdir(d))
      if (std::string_view(e->d_name).starts_with("fence_")) agents.emplace_back(e->d_name);
    closedir(d);
  }
  std::sort(agents.begin(), agents.end());
  for (const auto& a : agents) fmt::print(" {}\n", a);
  fmt::print("{} fence device{} found\n", agents.size(), agents.size() == 1 ? "" : "s");
  return admin_exit::ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = parse_admin_options(args);
  if (!options) {
    std::cerr << "stonith_admin: " << options.error_message() << "\n" << admin_usage();
    return admin_exit::usage;
  }
  if (options->help) {
    std::cout << admin_usage();
    return admin_exit::ok;
  }
  if (options->command == AdminCommand::metadata) return metadata(*options);
  if (options->command == AdminCommand::list_installed) return list_installed();
  if (!options->target.empty() && !validate_node(options->target)) {
    std::cerr << "stonith_admin: bad node name '" << options->target << "'\n";
    return admin_exit::invalid_param;
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return admin_exit::error;
  auto client = StonithdClient::connect(**loop);
  if (!client) {
    std::cerr << "Could not connect to fencer: " << client.error_message() << "\n";
    return admin_exit::disconnect;
  }
  switch (options->command) {
    case AdminCommand::list_registered:
    case AdminCommand::list_target: {
      auto devices = (*client)->list(options->command == AdminCommand::list_target ? options->target : "");
      if (!devices) {
        std::cerr << devices.error_message() << "\n";
        return admin_exit::error;
      }
      for (const auto& d : *devices) fmt::print(" {}\n", d.id());
      if (!options->quiet)
        fmt::print("{} fence device{} found\n", devices->size(), devices->size() == 1 ? "" : "s");
      return admin_exit::ok;
    }
    case AdminCommand::history: {
      auto entries = (*client)->history(options->target);
      if (!entries) {
        std::cerr << entries.error_message() << "\n";
        return admin_exit::error;
      }
      for (const auto& e : history_to_show(*entries, options->verbose > 0)) {
        if (options->quiet && !options->verbose) fmt::print("{}\n", e.completed_ms() / 1000);
        else print_history(e);
      }
      return admin_exit::ok;
    }
    case AdminCommand::fence: {
      auto reply = (*client)->fence(options->target, options->action, options->timeout,
                                    fmt::format("stonith_admin.{}", getpid()));
      if (!reply) {
        std::cerr << "Command failed: " << reply.error_message() << "\n";
        return admin_exit::error;
      }
      if (reply->ok()) {
        if (!options->quiet)
          fmt::print("Node {} fenced ({}) by {}\n", options->target, action_word(options->action),
                     reply->executioner());
        return admin_exit::ok;
      }
      std::cerr << "Command failed: " << (reply->timed_out() ? "Timer expired" : reply->error()) << "\n";
      return reply->timed_out() ? admin_exit::timeout : admin_exit::error;
    }
    default: return admin_exit::usage;
  }
}
