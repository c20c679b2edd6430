#include "crmd/election.h"

#include <charconv>
#include <vector>

namespace pacer::crmd {
namespace {

std::vector<long> version_parts(const std::string& v) {
  std::vector<long> parts;
  size_t pos = 0;
  while (pos <= v.size()) {
    size_t dot = v.find('.', pos);
    std::string_view part(v.data() + pos, (dot == std::string::npos ? v.size() : dot) - pos);
    long n = 0;
    std::from_chars(part.data(), part.data() + part.size(), n);
    parts.push_back(n);
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return parts;
}

}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  auto pa = version_parts(a), pb = version_parts(b);
  for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    long x = i < pa.size() ? pa[i] : 0, y = i < pb.size() ? pb[i] : 0;
    if (x != y) return x > y ? 1 : -1;
  }
  return 0;
}

int compare_votes(const Vote& a, const Vote& b) {
  if (int v = compare_versions(a.feature_set, b.feature_set); v != 0) return v;
  if (a.started_ms != b.started_ms) return a.started_ms < b.started_ms ? 1 : -1;
  if (a.node != b.node) return a.node < b.node ? 1 : -1;
  return 0;
}

Vote Election::start(std::set<std::string> members, const std::string& feature_set, int64_t started_ms) {
  running_ = true;
  lost_ = false;
  members.erase(local_);
  pending_ = std::move(members);
  vote_ = Vote{local_, feature_set, started_ms, next_id_++};
  return vote_;
}

Election::Reply Election::on_vote(const Vote& vote) {
  if (vote.node == local_) return Reply::none;
  if (!running_) {
    // Not voting: a DC answers a challenger with its vote; others simply concede.
    return Reply::no_vote;
  }
  Vote ours = vote_;
  if (compare_votes(vote, ours) > 0) {
    lost_ = true;
    return Reply::no_vote;
  }
  return Reply::our_vote;
}

void Election::on_no_vote(const std::string& from, uint64_t election_id) {
  if (running_ && election_id == vote_.election_id) pending_.erase(from);
}

void Election::member_left(const std::string& node) { pending_.erase(node); }

bool Election::won() const { return running_ && !lost_ && pending_.empty(); }

}  // namespace pacer::crmd
