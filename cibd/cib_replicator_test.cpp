// CibReplicator with several stores wired in memory: forwarding to the master, ordered diffs,
// sync on join by the version rule, partition and heal, lost and duplicated diffs.
#include "cibd/cib_replicator.h"

#include <deque>
#include <memory>

#include <catch2/catch.hpp>

#include "cibd/cib_document.h"
#include "cibd/cib_errors.h"
#include "cib.pb.h"

namespace pacer::cib {
namespace {

// In-memory heartbeat: one FIFO (so per-sender order holds), links that can be cut, and hooks to
// lose or duplicate a message.
class Net {
 public:
  struct Node {
    std::string name;
    std::unique_ptr<CibStore> store;
    std::unique_ptr<CibReplicator> replicator;
    bool up = true;
  };
  struct Packet {
    std::string from, to, bytes;
  };

  explicit Net(std::vector<std::string> names) {
    for (const auto& name : names) add(name);
  }

  void add(const std::string& name) {
    auto node = std::make_unique<Node>();
    node->name = name;
    node->store = std::make_unique<CibStore>(make_empty_cib());
    node->replicator = std::make_unique<CibReplicator>(
        name, *node->store, [this, name](const std::string& to, const std::string& bytes) {
          for (auto& [n, other] : nodes_)
            if ((to.empty() || to == n) && reachable(name, n)) queue_.push_back({name, n, bytes});
          return Status::ok();
        });
    nodes_[name] = std::move(node);
  }

  bool reachable(const std::string& a, const std::string& b) const {
    if (!nodes_.at(a)->up || !nodes_.at(b)->up) return false;
    return a == b || side(a) == side(b);
  }
  int side(const std::string& n) const { return sides_.count(n) ? sides_.at(n) : 0; }

  // The ccm's view: each group of mutually reachable, running nodes, led by its first member.
  void membership() {
    for (auto& [name, node] : nodes_) {
      if (!node->up) continue;
      std::vector<std::string> members;
      for (auto& [other, o] : nodes_)
        if (reachable(name, other)) members.push_back(other);
      node->replicator->set_membership(members, members.front());
    }
    run();
  }

  void run() {
    while (!queue_.empty()) {
      Packet p = std::move(queue_.front());
      queue_.pop_front();
      if (drop_ && *drop_(p)) continue;
      if (!reachable(p.from, p.to)) continue;
      nodes_[p.to]->replicator->receive(p.from, p.bytes);
    }
  }

  Result<CibReplyData> update(const std::string& on, CibOperation op, std::string section, std::string data) {
    CibRequest r;
    r.operation = op;
    r.section = std::move(section);
    r.data = std::move(data);
    std::optional<Result<CibReplyData>> out;
    nodes_[on]->replicator->submit(r, [&out](Result<CibReplyData> res) { out.emplace(std::move(res)); });
    run();
    REQUIRE(out.has_value());
    return std::move(*out);
  }

  std::string cib(const std::string& n) { return nodes_[n]->store->document().serialize(false); }
  CibStore& store(const std::string& n) { return *nodes_[n]->store; }
  CibReplicator& rep(const std::string& n) { return *nodes_[n]->replicator; }
  Node& node(const std::string& n) { return *nodes_[n]; }
  void set_side(const std::string& n, int s) { sides_[n] = s; }
  // Returns a pointer to bool: true drops the packet (lets tests lose or count messages).
  std::function<std::optional<bool>(const Packet&)> drop_;
  std::deque<Packet> queue_;

 private:
  std::map<std::string, std::unique_ptr<Node>> nodes_;
  std::map<std::string, int> sides_;
};

std::string primitive(const std::string& id) {
  return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
}

void all_equal(Net& net, const std::vector<std::string>& names) {
  for (const auto& n : names) {
    INFO(n);
    CHECK(net.cib(n) == net.cib(names.front()));
  }
}

TEST_CASE("replication: master is the membership leader, updates forward and spread in order") {
  Net net({"pm1", "pm2", "pm3"});
  net.membership();
  CHECK(net.rep("pm1").master() == "pm1");
  CHECK(net.rep("pm3").master() == "pm1");
  auto r = net.update("pm2", CibOperation::create, "resources", primitive("rscA"));
  INFO(r.error_message());
  REQUIRE(r);
  CHECK(r->version == CibVersion{0, 1, 0});
  // The diff from the master arrived before its answer: the origin reads its own write.
  CHECK(net.cib("pm2").find("rscA") != std::string::npos);
  for (int i = 0; i < 20; ++i)
    REQUIRE(net.update(i % 2 ? "pm3" : "pm1", CibOperation::create, "resources", primitive("r" + std::to_string(i))));
  all_equal(net, {"pm1", "pm2", "pm3"});
  CHECK(net.store("pm3").version() == CibVersion{0, 21, 0});
  CHECK(net.rep("pm2").syncs_taken() == 0);
  // A failed update on the master is answered to the origin and spreads nothing.
  auto bad = net.update("pm3", CibOperation::create, "resources", primitive("rscA"));
  REQUIRE_FALSE(bad.is_ok());
  CHECK(cib_error_kind(bad.status()) != CibErrorKind::not_connected);  // the master's own answer
  all_equal(net, {"pm1", "pm2", "pm3"});
}

TEST_CASE("replication: crmd's DC makes its cib master; the others learn it and forward there") {
  Net net({"pm1", "pm2", "pm3"});
  net.membership();
  REQUIRE(net.rep("pm3").master() == "pm1");  // no DC yet: the leader
  // crmd on pm2 won the election: cib_master on its cib (through submit, as the IPC does).
  CibRequest master;
  master.operation = CibOperation::set_master;
  std::optional<Result<CibReplyData>> answered;
  net.rep("pm2").submit(master, [&](Result<CibReplyData> r) { answered.emplace(std::move(r)); });
  REQUIRE(answered.has_value());
  CHECK(answered->is_ok());
  CHECK(net.store("pm2").version() == CibVersion{});  // the document did not change
  net.run();
  for (const char* n : {"pm1", "pm2", "pm3"}) {
    INFO(n);
    CHECK(net.rep(n).master() == "pm2");
  }
  // An update on pm1 (the leader, no longer master) goes to pm2 and spreads from there.
  int forwards = 0;
  net.drop_ = [&forwards](const Net::Packet& p) -> std::optional<bool> {
    proto::CibPeerMessage m;
    m.ParseFromString(p.bytes);
    if (m.kind() == proto::CibPeerMessage::FORWARD && p.to == "pm2") ++forwards;
    return false;
  };
  REQUIRE(net.update("pm1", CibOperation::create, "resources", primitive("rscA")));
  CHECK(forwards == 1);
  all_equal(net, {"pm1", "pm2", "pm3"});

  SECTION("the DC released: back to the leader") {
    CibRequest slave;
    slave.operation = CibOperation::set_slave;
    net.rep("pm2").submit(slave, [](Result<CibReplyData>) {});
    net.run();
    CHECK(net.rep("pm3").master() == "pm1");
    CHECK(net.rep("pm2").master() == "pm1");
  }
  SECTION("the DC's node left: back to the leader of those left") {
    net.node("pm2").up = false;
    net.membership();
    CHECK(net.rep("pm3").master() == "pm1");
    REQUIRE(net.update("pm3", CibOperation::create, "resources", primitive("rscB")));
    all_equal(net, {"pm1", "pm3"});
  }
  SECTION("two DCs after a partition healed: each stays master until its crmd makes it slave") {
    net.rep("pm3").set_master(true);
    net.run();
    CHECK(net.rep("pm3").master() == "pm3");
    CHECK(net.rep("pm2").master() == "pm2");
    net.rep("pm3").set_master(false);  // pm3's crmd lost the new election
    net.run();
    CHECK(net.rep("pm3").master() == "pm2");
    CHECK(net.rep("pm1").master() == "pm2");
  }
}

TEST_CASE("replication: a joining node with an old copy receives the current one; a newer one wins") {
  Net net({"pm1", "pm2"});
  net.node("pm2").up = false;
  net.membership();
  REQUIRE(net.update("pm1", CibOperation::create, "resources", primitive("rscA")));
  net.node("pm2").up = true;
  net.membership();
  all_equal(net, {"pm1", "pm2"});
  CHECK(net.rep("pm2").syncs_taken() == 1);

  // Now pm2 (not the master) alone holds a newer copy: on join the higher version wins.
  net.node("pm1").up = false;
  net.membership();
  REQUIRE(net.update("pm2", CibOperation::create, "resources", primitive("rscB")));
  REQUIRE(net.update("pm2", CibOperation::create, "resources", primitive("rscC")));
  net.node("pm1").up = true;
  net.membership();
  CHECK(net.rep("pm1").master() == "pm1");
  all_equal(net, {"pm1", "pm2"});
  CHECK(net.cib("pm1").find("rscC") != std::string::npos);
}

TEST_CASE("replication: a large CIB and its diffs travel compressed; the peer takes them") {
  Net net({"pm1", "pm2"});
  net.node("pm2").up = false;
  net.membership();
  // ~2 MB of resources: far beyond one uncompressed heartbeat message on a real cluster.
  std::string resources = "<resources>";
  for (int i = 0; i < 8000; ++i) resources += primitive("rsc" + std::to_string(i));
  resources += "</resources>";
  REQUIRE(net.update("pm1", CibOperation::replace, "resources", resources));
  REQUIRE(net.cib("pm1").size() > 500000);
  std::size_t largest = 0;
  int compressed = 0;
  net.drop_ = [&](const Net::Packet& p) -> std::optional<bool> {
    proto::CibPeerMessage m;
    REQUIRE(m.ParseFromString(p.bytes));
    largest = std::max(largest, p.bytes.size());
    if (m.xml_zlib()) ++compressed;
    return false;
  };
  net.node("pm2").up = true;
  net.membership();
  all_equal(net, {"pm1", "pm2"});
  CHECK(net.rep("pm2").syncs_taken() == 1);
  CHECK(compressed >= 1);
  CHECK(largest < net.cib("pm1").size() / 5);
  // A large diff (every resource replaced) is compressed too, and applies.
  std::string renamed = resources;
  for (size_t at = renamed.find("Dummy"); at != std::string::npos; at = renamed.find("Dummy", at + 1))
    renamed.replace(at, 5, "Stateful");
  compressed = 0;
  REQUIRE(net.update("pm1", CibOperation::replace, "resources", renamed));
  all_equal(net, {"pm1", "pm2"});
  CHECK(compressed >= 1);
}

TEST_CASE("replication: both sides of a partition accept updates and converge on healing") {
  Net net({"pm1", "pm2", "pm3"});
  net.membership();
  REQUIRE(net.update("pm3", CibOperation::create, "resources", primitive("rscA")));
  net.set_side("pm3", 1);
  net.membership();
  CHECK(net.rep("pm3").master() == "pm3");
  REQUIRE(net.update("pm1", CibOperation::create, "resources", primitive("left")));
  REQUIRE(net.update("pm3", CibOperation::create, "resources", primitive("right1")));
  REQUIRE(net.update("pm3", CibOperation::create, "resources", primitive("right2")));
  CHECK(net.cib("pm2").find("left") != std::string::npos);
  net.set_side("pm3", 0);
  net.membership();
  all_equal(net, {"pm1", "pm2", "pm3"});
  // The higher version (pm3's side, two configuration changes) won.
  CHECK(net.cib("pm1").find("right2") != std::string::npos);
  CHECK(net.store("pm2").version() == CibVersion{0, 3, 0});

  SECTION("equal versions with different contents: the master's copy wins") {
    net.set_side("pm3", 1);
    net.membership();
    REQUIRE(net.update("pm2", CibOperation::create, "resources", primitive("x")));
    REQUIRE(net.update("pm3", CibOperation::create, "resources", primitive("y")));
    net.set_side("pm3", 0);
    net.membership();
    all_equal(net, {"pm1", "pm2", "pm3"});
    CHECK(net.cib("pm3").find("\"x\"") != std::string::npos);
  }
}

TEST_CASE("replication: a lost diff is detected by version and healed by a whole sync; duplicates are ignored") {
  Net net({"pm1", "pm2"});
  net.membership();
  bool lose = true;
  net.drop_ = [&lose](const Net::Packet& p) -> std::optional<bool> {
    proto::CibPeerMessage m;
    m.ParseFromString(p.bytes);
    if (lose && p.to == "pm2" && m.kind() == proto::CibPeerMessage::DIFF) {
      lose = false;
      return true;
    }
    return false;
  };
  REQUIRE(net.update("pm1", CibOperation::create, "resources", primitive("lost")));
  CHECK(net.cib("pm2").find("lost") == std::string::npos);  // nothing tells pm2 yet
  REQUIRE(net.update("pm1", CibOperation::create, "resources", primitive("next")));
  all_equal(net, {"pm1", "pm2"});
  CHECK(net.rep("pm2").syncs_taken() == 1);

  // Every packet to pm2 delivered twice: the copies are ignored by version.
  bool copy = true;  // every other packet is the copy, which is not copied again
  net.drop_ = [&net, &copy](const Net::Packet& p) -> std::optional<bool> {
    if (p.to == "pm2" && p.from == "pm1") {
      if (copy) net.queue_.push_back(p);
      copy = !copy;
    }
    return false;
  };
  std::uint64_t seq = net.store("pm2").sequence();
  REQUIRE(net.update("pm1", CibOperation::modify, "status", "<status><node_state id=\"pm1\" uname=\"pm1\"/></status>"));
  net.drop_ = nullptr;
  all_equal(net, {"pm1", "pm2"});
  CHECK(net.store("pm2").sequence() == seq + 1);
  CHECK(net.rep("pm2").syncs_taken() == 1);
}

TEST_CASE("replication: a forward pending when the master leaves fails so the client can retry") {
  Net net({"pm1", "pm2"});
  net.membership();
  CibRequest r;
  r.operation = CibOperation::create;
  r.section = "resources";
  r.data = primitive("rscA");
  std::optional<Result<CibReplyData>> out;
  net.rep("pm2").submit(r, [&out](Result<CibReplyData> res) { out.emplace(std::move(res)); });
  net.queue_.clear();  // lost with pm1
  net.node("pm1").up = false;
  net.membership();
  REQUIRE(out.has_value());
  CHECK(cib_error_kind(out->status()) == CibErrorKind::not_connected);
  CHECK(net.rep("pm2").is_master());
  REQUIRE(net.update("pm2", CibOperation::create, "resources", primitive("rscA")));
}

}  // namespace
}  // namespace pacer::cib
