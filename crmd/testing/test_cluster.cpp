// In-memory controllers for the unit tests; see test_cluster.h.
#include "crmd/testing/test_cluster.h"

#include <algorithm>

#include <fmt/format.h>

#include "cibd/cib_xml_input.h"
#include "pengine/graph_xml.h"
#include "pengine/schedule.h"

namespace pacer::crmd::testing {
namespace {

class Peers final : public PeerLink {
 public:
  Peers(TestCluster& cluster, std::string self) : cluster_(cluster), self_(std::move(self)) {}
  void send(const std::string& to, const proto::crmd::CrmdMessage& message) override {
    std::vector<std::string> targets;
    if (to.empty()) {
      for (const auto& m : cluster_.members())
        if (m != self_) targets.push_back(m);
    } else {
      targets.push_back(to);
    }
    for (const auto& target : targets) {
      cluster_.post([this, target, message] {
        // heartbeatd delivers only to members whose controller runs.
        if (!cluster_.members().contains(target) || !cluster_.members().contains(self_)) return;
        TestNode& node = cluster_.node(target);
        if (node.up && node.controller) node.controller->on_message(self_, message);
      });
    }
  }

 private:
  TestCluster& cluster_;
  std::string self_;
};

// crmd's cib connection: requests go through the node's replicator, as through cibd. The daemon's
// client waits for the answer; here an answer that needs a round trip to another node's cib is
// not waited for (the controller makes its writes on the DC, whose cib is the master).
class Cib final : public CibPort {
 public:
  explicit Cib(TestNode& node) : node_(node) {}
  Result<cib::CibVersion> apply(const cib::CibRequest& request) override {
    std::optional<Result<cib::CibReplyData>> out;
    node_.replicator->submit(request, [&out](Result<cib::CibReplyData> r) { out.emplace(std::move(r)); });
    if (!out) return Status::error("the CIB master has not answered yet");
    if (!*out) return out->status();
    return (*out)->version;
  }
  Result<std::string> query() override { return node_.cib->document().serialize(); }

 private:
  TestNode& node_;
};

class Pe final : public PolicyEnginePort {
 public:
  Pe(TestCluster& cluster, TestNode& node) : cluster_(cluster), node_(node) {}
  Result<int> start() override {
    node_.pe_pid = ++pids_ + 4000;
    return node_.pe_pid;
  }
  void stop() override { node_.pe_pid = 0; }
  Status request(std::uint64_t reference, int transition_id, const std::string& cib_xml) override {
    auto doc = XmlDocument::parse(cib_xml, "pe-input");
    if (!doc) return doc.status();
    long long now = std::chrono::duration_cast<std::chrono::seconds>(
                        cluster_.clock().wall().time_since_epoch()).count();
    auto schedule = pengine::schedule(*doc, now, {});
    Result<PeReply> reply = Status::error("no schedule");
    if (schedule) {
      reply = PeReply{pengine::format_graph_xml(*schedule, transition_id),
                      fmt::format("/var/lib/pacer/pengine/pe-input-{}.bz2", node_.pe_inputs++)};
    } else {
      reply = schedule.status();
    }
    std::string name = node_.name;
    cluster_.post([this, name, reference, reply] {
      TestNode& node = cluster_.node(name);
      if (node.up && node.controller) node.controller->on_pe_reply(reference, reply);
    });
    return Status::ok();
  }

 private:
  TestCluster& cluster_;
  TestNode& node_;
  int pids_ = 0;
};

// attrd as it is: the node the attribute belongs to writes it through its own cib (the sender's
// when that node is down), a moment after the request.
class Attrd final : public AttrdPort {
 public:
  Attrd(TestCluster& cluster, TestNode& node) : cluster_(cluster), node_(node) {}
  Status update(const AttributeChange& change) override {
    TestNode& owner = cluster_.node(change.node);
    TestNode& writer = owner.up ? owner : node_;
    if (change.value) owner.attributes[change.name] = *change.value;
    else owner.attributes.erase(change.name);
    std::string uuid = "uuid-" + change.node;
    cib::CibRequest request;
    if (!change.value) {
      request.operation = cib::CibOperation::remove;
      request.xpath = fmt::format("//node_state[@id='{}']/transient_attributes//nvpair[@name='{}']", uuid,
                                  change.name);
    } else {
      request.operation = cib::CibOperation::modify;
      request.section = "status";
      request.data = fmt::format(
          R"(<status><node_state id="{0}"><transient_attributes id="{0}"><instance_attributes id="status-{0}">)"
          R"(<nvpair id="status-{0}-{1}" name="{1}" value="{2}"/></instance_attributes></transient_attributes>)"
          R"(</node_state></status>)",
          uuid, change.name, *change.value);
    }
    // Later, as attrd's own write is (its IPC, then its CIB connection): the controller must not
    // rely on seeing the attribute in the CIB at once.
    cluster_.post([&cluster = cluster_, name = writer.name, request] {
      TestNode& w = cluster.node(name);
      if (w.up && w.replicator) w.replicator->submit(request, [](Result<cib::CibReplyData>) {});
    });
    return Status::ok();
  }
  // attrd_updater -R: this node's values written again.
  Status refresh() override {
    ++node_.attrd_refreshes;
    for (const auto& [name, value] : node_.attributes)
      if (Status s = update({name, node_.name, value}); !s) return s;
    return Status::ok();
  }

 private:
  TestCluster& cluster_;
  TestNode& node_;
};

class Log final : public LogSink {
 public:
  explicit Log(TestNode& node) : node_(node) {}
  void log(LogLevel level, std::string_view line) override {
    node_.log.push_back(fmt::format("{}: {}", log_level_word(level), line));
  }

 private:
  TestNode& node_;
};

}  // namespace

bool TestNode::logged(std::string_view needle) const { return count_logged(needle) > 0; }

int TestNode::count_logged(std::string_view needle) const {
  return static_cast<int>(std::count_if(log.begin(), log.end(),
                                        [&](const std::string& l) { return l.find(needle) != std::string::npos; }));
}

TestCluster::TestCluster(std::vector<std::string> nodes, const std::string& cib_xml) {
  for (const std::string& name : nodes) {
    auto node = std::make_unique<TestNode>();
    node->name = name;
    node->uuid = "uuid-" + name;
    auto doc = cib::parse_cib_xml(cib_xml, "test-cib");
    if (!doc) throw std::runtime_error(doc.error_message());
    node->cib = std::make_unique<cib::CibStore>(std::move(*doc));
    nodes_.emplace(name, std::move(node));
  }
}

TestCluster::~TestCluster() = default;

void TestCluster::boot(const std::string& name, bool fresh_lrm) {
  TestNode& n = *nodes_.at(name);
  if (fresh_lrm || !n.lrm)
    n.lrm = std::make_unique<FakeLrm>([this, name](lrmd::OperationResult r) {
      post([this, name, r] {
        TestNode& node = this->node(name);
        if (node.up && node.controller) node.controller->on_lrm_result(r);
      });
    });
  n.peers = std::make_unique<Peers>(*this, name);
  // A fresh cibd: its messages travel the queue to the members' cibs.
  n.replicator = std::make_unique<cib::CibReplicator>(
      name, *n.cib, [this, name](const std::string& to, const std::string& bytes) {
        for (const auto& target : members_) {
          if (!to.empty() && to != target) continue;
          post([this, name, target, bytes] {
            if (!members_.contains(target) || !members_.contains(name)) return;
            TestNode& node = this->node(target);
            if (node.up && node.replicator) node.replicator->receive(name, bytes);
          });
        }
        return Status::ok();
      });
  n.cib_port = std::make_unique<Cib>(n);
  n.pe = std::make_unique<Pe>(*this, n);
  n.attrd = std::make_unique<Attrd>(*this, n);
  n.log_sink = std::make_unique<Log>(n);
  n.cib->set_listener([this, name](const cib::CibChange& change) {
    post([this, name, after = change.after, config = change.configuration_changed] {
      TestNode& node = this->node(name);
      if (node.up && node.controller) node.controller->on_cib_change(after, config);
    });
  });
  ControllerConfig config;
  config.node = name;
  config.uuid = n.uuid;
  for (const auto& [other, _] : nodes_) config.configured_nodes.insert(other);
  config.te_uuid = "te-" + name;
  n.controller = std::make_unique<Controller>(
      config, ControllerPorts{*n.peers, *n.lrm, *n.cib_port, *n.pe, *n.attrd, *n.log_sink}, clock_);
  n.up = true;
  n.controller->start();
  auto members = members_;
  members.insert(name);
  set_membership(members);
}

void TestCluster::power_off(const std::string& name) {
  TestNode& n = *nodes_.at(name);
  n.up = false;
  n.controller.reset();
  n.replicator.reset();
  n.cib->set_listener(nullptr);
  auto members = members_;
  members.erase(name);
  set_membership(members);
}

void TestCluster::set_membership(std::set<std::string> members) {
  members_ = std::move(members);
  ++instance_;
  bool quorate = members_.size() * 2 > nodes_.size();
  std::vector<std::string> member_list(members_.begin(), members_.end());
  for (const std::string& m : members_) {
    post([this, m, member_list] {
      TestNode& node = this->node(m);
      if (node.up && node.replicator) node.replicator->set_membership(member_list, member_list.front());
    });
  }
  for (const std::string& m : members_) {
    post([this, m, instance = instance_, members = members_, quorate] {
      TestNode& node = this->node(m);
      if (node.up && node.controller) node.controller->on_membership(instance, members, quorate);
    });
  }
}

void TestCluster::settle() {
  for (int i = 0; i < 100000 && !queue_.empty(); ++i) {
    auto event = std::move(queue_.front());
    queue_.pop_front();
    event();
    // A controller that exits makes heartbeatd reboot its node (failfast): power it off.
    for (auto& [name, node] : nodes_)
      if (node->up && node->controller && node->controller->exit_code()) power_off(name);
  }
}

void TestCluster::run_for(Millis duration) {
  MonoTime end = clock_.monotonic() + duration;
  for (int i = 0; i < 10000; ++i) {
    settle();
    std::optional<MonoTime> next;
    for (auto& [name, node] : nodes_) {
      if (!node->up || !node->controller) continue;
      auto d = node->controller->next_deadline();
      if (d && (!next || *d < *next)) next = d;
    }
    if (!next || *next > end) {
      clock_.advance(std::chrono::duration_cast<Millis>(end - clock_.monotonic()));
      settle();
      return;
    }
    if (*next > clock_.monotonic())
      clock_.advance(std::chrono::duration_cast<Millis>(*next - clock_.monotonic()));
    for (auto& [name, node] : nodes_)
      if (node->up && node->controller) node->controller->on_timer();
  }
}

std::vector<std::string> TestCluster::dcs() const {
  std::vector<std::string> out;
  for (const auto& [name, node] : nodes_)
    if (node->up && node->controller && node->controller->is_dc()) out.push_back(name);
  return out;
}

std::string TestCluster::dc() const {
  auto all = dcs();
  return all.size() == 1 ? all.front() : "";
}

Result<cib::CibReplyData> TestCluster::update(const std::string& node, const cib::CibRequest& request) {
  std::optional<Result<cib::CibReplyData>> out;
  nodes_.at(node)->replicator->submit(request, [&out](Result<cib::CibReplyData> r) { out.emplace(std::move(r)); });
  settle();
  if (!out) return Status::error("no answer from the CIB master");
  return std::move(*out);
}

std::string TestCluster::cib_of(const std::string& name) const {
  return nodes_.at(name)->cib->document().serialize();
}

int TestCluster::count(const std::string& name, const std::string& xpath) const {
  auto found = nodes_.at(name)->cib->document().select(xpath);
  return found ? static_cast<int>(found->size()) : -1;
}

void TestCluster::kill_pengine(const std::string& name) {
  TestNode& n = *nodes_.at(name);
  int pid = n.pe_pid;
  post([this, name, pid] {
    TestNode& node = this->node(name);
    if (node.up && node.controller) node.controller->on_pe_exit(pid, 9, 0);
  });
}

}  // namespace pacer::crmd::testing
