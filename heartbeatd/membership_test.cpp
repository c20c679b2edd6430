// Several Membership instances wired through an in-memory "network" that the test can partition.
#include "heartbeatd/membership.h"

#include <catch2/catch.hpp>
#include <deque>

using namespace pacer::heartbeat;

namespace {

class FakeCluster {
 public:
  explicit FakeCluster(std::vector<std::string> nodes) : names_(nodes) {
    for (const auto& n : nodes) ccm_.emplace(n, Membership(n, nodes.size()));
  }

  // Heartbeat-level connectivity: which nodes each node hears; then let the ccms talk it out.
  void connect(const std::vector<std::set<std::string>>& partitions) {
    partitions_ = partitions;
    for (const auto& part : partitions)
      for (const auto& n : part) handle(n, ccm_.at(n).set_heard(part));
    settle();
  }

  const Membership& at(const std::string& n) const { return ccm_.at(n); }

 private:
  struct Message {
    std::string from;
    std::optional<CcmView> view;
    std::optional<CcmMembership> membership;
  };
  bool same_partition(const std::string& a, const std::string& b) const {
    for (const auto& p : partitions_)
      if (p.count(a) && p.count(b)) return true;
    return false;
  }
  void handle(const std::string& from, const CcmOutput& out) {
    if (out.view) queue_.push_back({from, out.view, std::nullopt});
    if (out.announce) queue_.push_back({from, std::nullopt, out.announce});
  }
  void settle() {
    for (int steps = 0; !queue_.empty() && steps < 10000; ++steps) {
      Message m = queue_.front();
      queue_.pop_front();
      for (const auto& n : names_) {
        if (n == m.from || !same_partition(n, m.from)) continue;
        auto& ccm = ccm_.at(n);
        handle(n, m.view ? ccm.on_view(m.from, *m.view) : ccm.on_membership(m.from, *m.membership));
      }
    }
    REQUIRE(queue_.empty());
  }

  std::vector<std::string> names_;
  std::map<std::string, Membership> ccm_;
  std::vector<std::set<std::string>> partitions_;
  std::deque<Message> queue_;
};

}  // namespace

TEST_CASE("two nodes form one membership with one instance") {
  FakeCluster c({"pm1", "pm2"});
  c.connect({{"pm1", "pm2"}});
  REQUIRE(c.at("pm1").current());
  REQUIRE(c.at("pm2").current());
  CHECK(c.at("pm1").current() == c.at("pm2").current());
  CHECK(c.at("pm1").current()->members == std::set<std::string>{"pm1", "pm2"});
  CHECK(c.at("pm2").quorate());
}

TEST_CASE("four nodes agree; losing one gives a larger instance everywhere") {
  FakeCluster c({"pm1", "pm2", "pm3", "pm4"});
  c.connect({{"pm1", "pm2", "pm3", "pm4"}});
  auto first = *c.at("pm3").current();
  CHECK(first.members.size() == 4);
  for (auto n : {"pm1", "pm2", "pm4"}) CHECK(c.at(n).current() == first);
  c.connect({{"pm1", "pm2", "pm3"}, {"pm4"}});
  auto second = *c.at("pm2").current();
  CHECK(second.members == std::set<std::string>{"pm1", "pm2", "pm3"});
  CHECK(second.instance > first.instance);
  CHECK(c.at("pm1").current() == second);
  CHECK(c.at("pm3").quorate());
  CHECK_FALSE(c.at("pm4").quorate());  // 1 of 4
}

TEST_CASE("split brain in a two-node cluster: both partitions keep quorum, then merge") {
  FakeCluster c({"pm1", "pm2"});
  c.connect({{"pm1", "pm2"}});
  c.connect({{"pm1"}, {"pm2"}});
  CHECK(c.at("pm1").current()->members == std::set<std::string>{"pm1"});
  CHECK(c.at("pm2").current()->members == std::set<std::string>{"pm2"});
  CHECK(c.at("pm1").quorate());
  CHECK(c.at("pm2").quorate());
  c.connect({{"pm1", "pm2"}});
  CHECK(c.at("pm1").current() == c.at("pm2").current());
  CHECK(c.at("pm1").current()->members.size() == 2);
  CHECK(c.at("pm1").current()->instance > 2);
}

TEST_CASE("the leader is the lowest-named node heard; a non-leader never announces") {
  Membership m("pm2", 2);
  auto out = m.set_heard({"pm1", "pm2"});
  CHECK(m.leader() == "pm1");
  CHECK_FALSE(out.announce);
  CHECK(out.view);
  // An announcement from a node that is not our leader is ignored.
  CHECK_FALSE(m.on_membership("pm3", {5, "pm3", {"pm2", "pm3"}}).changed);
  CHECK(m.on_membership("pm1", {5, "pm1", {"pm1", "pm2"}}).changed);
  CHECK_FALSE(m.on_membership("pm1", {4, "pm1", {"pm1", "pm2"}}).changed);  // older instance
}

TEST_CASE("quorum: majority, with the two-node exception") {
  CHECK(has_quorum(1, 2));
  CHECK(has_quorum(2, 3));
  CHECK_FALSE(has_quorum(1, 3));
  CHECK_FALSE(has_quorum(2, 4));
  CHECK(has_quorum(9, 16));
}

TEST_CASE("a view that arrives before heartbeat reports its sender alive is not lost") {
  Membership leader("pm1", 2);
  (void)leader.set_heard({"pm1"});
  // pm2's view overtakes pm1's own node-status event for pm2.
  (void)leader.on_view("pm2", {{"pm1", "pm2"}, 0});
  auto out = leader.set_heard({"pm1", "pm2"});
  REQUIRE(out.announce);
  CHECK(out.announce->members == std::set<std::string>{"pm1", "pm2"});
}
