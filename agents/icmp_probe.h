// IcmpProbe: one ICMP echo request to an IPv4 address and the wait for its reply, over a raw socket
// (pingd runs as root under lrmd; unprivileged ping sockets are off in a fresh network namespace).
// Replies are matched by identifier and sequence, so other traffic on the raw socket is skipped.
#pragma once

#include <cstdint>
#include <string>

#include "agents/ping_round.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer::agents {

class IcmpProbe {
 public:
  static Result<IcmpProbe> open(Millis timeout);
  // `host` must be a dotted IPv4 address.
  ProbeOutcome probe(const std::string& host);

 private:
  IcmpProbe(UniqueFd fd, Millis timeout, std::uint16_t id) : fd_(std::move(fd)), timeout_(timeout), id_(id) {}
  UniqueFd fd_;
  Millis timeout_;
  std::uint16_t id_;
  std::uint16_t sequence_ = 0;
};

// The Internet checksum (RFC 1071) of `data`.
std::uint16_t internet_checksum(const void* data, std::size_t size);

}  // namespace pacer::agents
