// The UDP sockets of one medium (ha.cf bcast / mcast / ucast lines), bound to its interface so
// that cutting one interconnect really silences that medium.
//
//   bcast eth1            send to eth1's broadcast address, receive on udpport via eth1
//   mcast eth1 G P T L    join group G on eth1, send to G:P with ttl T, loopback L
//   ucast eth1 PEER       send to PEER:udpport, receive on udpport via eth1
#pragma once

#include <netinet/in.h>

#include <string>

#include "common/config/ha_config.h"
#include "common/result.h"
#include "common/unique_fd.h"

namespace pacer::heartbeat {

struct MediumSender {
  UniqueFd socket;
  sockaddr_in destination{};
};

Result<UniqueFd> open_medium_receiver(const config::Medium& medium);
Result<MediumSender> open_medium_sender(const config::Medium& medium);

// Whether `address` (dotted quad) belongs to an interface of this host: a ucast line naming our
// own address is skipped, so every node can share one ha.cf.
bool is_local_address(const std::string& address);

}  // namespace pacer::heartbeat
