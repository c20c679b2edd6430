// Switch: the sandbox's network "hardware" — a netns of its own holding one bridge per LAN
// (br0 service, br1/br2 interconnects) and the switch-side ends of every host's veth pairs.
//
// Cutting a link takes the switch port down, so the node's interface loses carrier, as when a
// cable is pulled. Nothing here is routed: the switch netns has no addresses at all.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/process_runner.h"
#include "common/result.h"
#include "tests/sandbox/address_plan.h"

namespace pacer::sandbox {

class Switch {
 public:
  // Creates netns `netns_name` with its bridges.
  static Result<std::unique_ptr<Switch>> create(ProcessRunner& runner, std::string netns_name);
  ~Switch();  // deletes the netns: every bridge and veth goes with it
  Switch(const Switch&) = delete;
  Switch& operator=(const Switch&) = delete;

  const std::string& netns() const { return netns_; }

  // Plugs the hosts (whose inits run) into the switch: creates the veth pairs and moves the inner
  // ends into each init's netns. One `ip -batch` for all of them: this is what keeps 16 nodes fast.
  Status plug(const std::vector<std::pair<HostPlan, pid_t>>& hosts);
  // Removes a powered-off host's ports and waits until the kernel has really freed their names.
  Status unplug(const HostPlan& host);
  // Port up/down: `host` empty means every port of the LAN (the whole LAN is cut).
  Status set_link(Lan lan, const std::string& host, bool up);
  // Switch-side port names currently present ("e1-pm2", ...).
  Result<std::vector<std::string>> ports();

 private:
  Switch(ProcessRunner& runner, std::string netns) : runner_(runner), netns_(std::move(netns)) {}
  Status batch(const std::string& commands);

  ProcessRunner& runner_;
  std::string netns_;
};

}  // namespace pacer::sandbox
