// The seams between the controller core and the world. The core never does I/O itself: the daemon
// (main.cpp) plugs in heartbeat, cibd, lrmd, the pengine child and attrd; the unit tests plug in
// in-memory fakes that wire several controllers together.
//
// Every port is called synchronously from the core; what comes back later (a peer's message, an
// lrmd result, a graph, a CIB change) is fed to the Controller's on_* inputs by the owner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cibd/cib_request.h"
#include "cibd/cib_version.h"
#include "common/log.h"
#include "common/result.h"
#include "crmd.pb.h"
#include "crmd/fencing_port.h"
#include "lrmd/lrmd_types.h"

namespace pacer::crmd {

// Other controllers. `to_node` "" means every member except this node: the core handles what it
// sends to itself without a round trip.
class PeerLink {
 public:
  virtual ~PeerLink() = default;
  virtual void send(const std::string& to_node, const proto::crmd::CrmdMessage& message) = 0;
};

// The local lrmd.
class LocalLrm {
 public:
  virtual ~LocalLrm() = default;
  virtual Status register_resource(const lrmd::ResourceSpec& spec) = 0;
  virtual Status unregister_resource(const std::string& rsc_id) = 0;
  virtual Result<int> perform(const lrmd::OperationRequest& request) = 0;
  virtual Status cancel(const std::string& rsc_id, int call_id) = 0;
  virtual Result<std::vector<lrmd::ResourceState>> state() = 0;
};

// The local CIB. cibd replicates it: the DC makes its cib master (CibOperation::set_master) and
// writes there; the others receive each change.
class CibPort {
 public:
  virtual ~CibPort() = default;
  // The version after the change: the core recognises its own changes by it.
  virtual Result<cib::CibVersion> apply(const cib::CibRequest& request) = 0;
  // The whole CIB.
  virtual Result<std::string> query() = 0;
};

// The policy engine: a child process on the DC only.
class PolicyEnginePort {
 public:
  virtual ~PolicyEnginePort() = default;
  // Forks it; returns its pid.
  virtual Result<int> start() = 0;
  virtual void stop() = 0;
  // Asks for a graph for `cib_xml`; the answer comes back through Controller::on_pe_reply with
  // the same `reference`.
  virtual Status request(std::uint64_t reference, int transition_id, const std::string& cib_xml) = 0;
};

struct AttributeChange {
  std::string name;
  std::string node;
  std::optional<std::string> value;  // nullopt: delete
};

// The local attrd (fail-count-*, last-failure-*, shutdown).
class AttrdPort {
 public:
  virtual ~AttrdPort() = default;
  virtual Status update(const AttributeChange& change) = 0;
  // Every value this attrd holds written to the CIB again (attrd_updater -R): after a join, as
  // 1.0's do_dc_join_final asked of every attrd, since a copy of the CIB taken at the join may
  // have lost them.
  virtual Status refresh() = 0;
};

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void log(LogLevel level, std::string_view line) = 0;
};

struct ControllerPorts {
  PeerLink& peers;
  LocalLrm& lrm;
  CibPort& cib;
  PolicyEnginePort& pe;
  AttrdPort& attrd;
  LogSink& log;
  FencingPort* fencing = nullptr;  // the local stonithd (fencing_port.h); none: fencing fails
};

}  // namespace pacer::crmd
