// TestCluster: several Controllers wired together in memory for unit tests. Messages, lrmd results,
// CIB change notifications and pengine answers go through one FIFO queue, so a run is
// deterministic; time is a FakeClock that run_for() advances from deadline to deadline.
//
// Each node has its own CIB (a real cib::CibStore in memory) replicated by a real
// cib::CibReplicator over the same queue (as cibd does over heartbeatd), its own FakeLrm and a
// policy engine that runs the real pacer_pengine library. The fake attrd writes a node's transient
// attributes through that node's cib, as attrd does.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cibd/cib_replicator.h"
#include "cibd/cib_store.h"
#include "crmd/controller.h"
#include "crmd/testing/fake_lrm.h"
#include "tests/support/fake_clock.h"

namespace pacer::crmd::testing {

class TestCluster;

struct TestNode {
  std::string name;
  std::string uuid;
  std::unique_ptr<FakeLrm> lrm;
  std::unique_ptr<cib::CibStore> cib;
  std::unique_ptr<cib::CibReplicator> replicator;  // while the node is up
  std::vector<std::string> log;
  std::unique_ptr<PeerLink> peers;
  std::unique_ptr<CibPort> cib_port;
  std::unique_ptr<PolicyEnginePort> pe;
  std::unique_ptr<AttrdPort> attrd;
  std::unique_ptr<LogSink> log_sink;
  std::unique_ptr<Controller> controller;
  std::map<std::string, std::string> attributes;  // what this node's attrd holds for this node
  int attrd_refreshes = 0;
  int pe_pid = 0;
  int pe_inputs = 0;
  bool up = false;

  bool logged(std::string_view needle) const;
  int count_logged(std::string_view needle) const;
};

class TestCluster {
 public:
  // `cib_xml` is every node's initial CIB; node uuids are "uuid-<name>".
  TestCluster(std::vector<std::string> nodes, const std::string& cib_xml);
  ~TestCluster();

  // Powers a node on: a fresh controller (and, when `fresh_lrm`, a fresh lrmd) that starts and
  // sees the current membership.
  void boot(const std::string& node, bool fresh_lrm = true);
  // Powers it off: its controller is gone and the others see it leave the membership.
  void power_off(const std::string& node);
  void set_membership(std::set<std::string> members);

  // Delivers queued events until none is left (bounded).
  void settle();
  // settle(), then advance time to each next deadline, up to `duration` in total.
  void run_for(Millis duration);

  TestNode& node(const std::string& name) { return *nodes_.at(name); }
  Controller& controller(const std::string& name) { return *nodes_.at(name)->controller; }
  // The node whose controller is DC (empty when none or more than one).
  std::string dc() const;
  std::vector<std::string> dcs() const;
  // An update made on `node` (a tool there): through its cib, so it reaches the master and every
  // copy. Settles before returning.
  Result<cib::CibReplyData> update(const std::string& node, const cib::CibRequest& request);
  // Queries the DC's (or a node's) CIB.
  std::string cib_of(const std::string& name) const;
  int count(const std::string& name, const std::string& xpath) const;
  FakeClock& clock() { return clock_; }
  void kill_pengine(const std::string& node);
  void post(std::function<void()> event) { queue_.push_back(std::move(event)); }
  const std::set<std::string>& members() const { return members_; }

 private:
  FakeClock clock_;
  std::map<std::string, std::unique_ptr<TestNode>> nodes_;
  std::set<std::string> members_;
  std::uint64_t instance_ = 0;
  std::deque<std::function<void()>> queue_;
};

}  // namespace pacer::crmd::testing
