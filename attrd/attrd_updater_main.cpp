// attrd_updater (installed in /usr/sbin): Pacemaker's tool to set, delete and query node
// attributes through the local attrd. Exit codes: 0 done, 1 attrd refused or failed, 64 usage,
// 69 attrd not running, 105 -Q of an attribute that is not set.
#include <cstdio>

#include <fmt/format.h>

#include "attrd/attrd_updater_options.h"
#include "attrd/client/attrd_client.h"

int main(int argc, char** argv) {
  using namespace pacer;
  using namespace pacer::attrd;
  auto cmd = parse_updater_args(std::vector<std::string>(argv + 1, argv + argc));
  if (!cmd) {
    fmt::print(stderr, "attrd_updater: {}\n{}", cmd.error_message(), updater_usage());
    return kExitUsage;
  }
  if (cmd->kind == UpdaterCommand::Kind::help) {
    fmt::print("{}", updater_usage());
    return kExitOk;
  }
  if (cmd->kind == UpdaterCommand::Kind::version) {
    fmt::print("attrd_updater (pacer) {}\n", PACER_VERSION);
    return kExitOk;
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    fmt::print(stderr, "attrd_updater: {}\n", loop.error_message());
    return kExitError;
  }
  auto client = AttrdClient::connect(**loop);
  if (!client) {
    fmt::print(stderr, "attrd_updater: could not contact attrd: {}\n", client.error_message());
    return kExitUnavailable;
  }
  if (cmd->kind == UpdaterCommand::Kind::refresh) {
    if (Status s = (*client)->refresh(); !s) {
      fmt::print(stderr, "attrd_updater: refresh failed: {}\n", s.message());
      return kExitError;
    }
    return kExitOk;
  }
  if (cmd->kind == UpdaterCommand::Kind::query) {
    auto v = (*client)->query(cmd->update.name, cmd->update.node);
    if (!v) {
      fmt::print(stderr, "attrd_updater: {}\n", v.error_message());
      return kExitError;
    }
    if (!v->value) {
      if (!cmd->quiet)
        fmt::print(stderr, "attrd_updater: attribute {} is not set on {}\n", v->name, v->node);
      return kExitNoSuch;
    }
    if (cmd->quiet) fmt::print("{}\n", *v->value);
    else fmt::print("name=\"{}\" host=\"{}\" value=\"{}\"\n", v->name, v->node, *v->value);
    return kExitOk;
  }
  if (Status s = (*client)->update(cmd->update); !s) {
    fmt::print(stderr, "attrd_updater: could not update {}: {}\n", cmd->update.name, s.message());
    return kExitError;
  }
  return kExitOk;
}
