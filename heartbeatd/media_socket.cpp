#include "heartbeatd/media_socket.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cstring>

namespace pacer::heartbeat {
namespace {

struct InterfaceAddresses {
  in_addr address{};
  in_addr broadcast{};
};

Result<InterfaceAddresses> interface_addresses(const std::string& name) {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return Status::from_errno("getifaddrs");
  std::optional<InterfaceAddresses> found;
  for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET || name != a->ifa_name) continue;
    InterfaceAddresses out;
    out.address = reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr;
    if ((a->ifa_flags & IFF_BROADCAST) && a->ifa_broadaddr)
      out.broadcast = reinterpret_cast<sockaddr_in*>(a->ifa_broadaddr)->sin_addr;
    found = out;
    break;
  }
  ::freeifaddrs(list);
  if (!found) return Status::error(fmt::format("interface {} has no IPv4 address", name));
  return *found;
}

Result<UniqueFd> udp_socket_on(const std::string& interface) {
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd) return Status::from_errno("socket");
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_BINDTODEVICE, interface.c_str(),
                   static_cast<socklen_t>(interface.size())) != 0)
    return Status::from_errno("SO_BINDTODEVICE " + interface);
  int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  return fd;
}

Result<in_addr> parse_ipv4(const std::string& text) {
  in_addr a{};
  if (::inet_pton(AF_INET, text.c_str(), &a) != 1)
    return Status::error(fmt::format("'{}' is not an IPv4 address", text));
  return a;
}

}  // namespace

bool is_local_address(const std::string& address) {
  auto wanted = parse_ipv4(address);
  if (!wanted) return false;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return false;
  bool local = false;
  for (ifaddrs* a = list; a != nullptr && !local; a = a->ifa_next)
    if (a->ifa_addr && a->ifa_addr->sa_family == AF_INET)
      local = reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr.s_addr == wanted->s_addr;
  ::freeifaddrs(list);
  return local;
}

Result<UniqueFd> open_medium_receiver(const config::Medium& medium) {
  std::string what = fmt::format("receiver for {}", config::medium_name(medium));
  auto fd = udp_socket_on(medium.interface);
  if (!fd) return fd.status().with_context(what);
  sockaddr_in bind_to{};
  bind_to.sin_family = AF_INET;
  bind_to.sin_port = htons(medium.port);
  bind_to.sin_addr.s_addr = htonl(INADDR_ANY);
  if (medium.kind == config::MediumKind::mcast) {
    auto group = parse_ipv4(medium.group);
    if (!group) return group.status().with_context(what);
    auto ifaddr = interface_addresses(medium.interface);
    if (!ifaddr) return ifaddr.status().with_context(what);
    ip_mreq join{};
    join.imr_multiaddr = *group;
    join.imr_interface = ifaddr->address;
    if (::setsockopt(fd->get(), IPPROTO_IP, IP_ADD_MEMBERSHIP, &join, sizeof join) != 0)
      return Status::from_errno(what + ": IP_ADD_MEMBERSHIP");
  }
  if (::bind(fd->get(), reinterpret_cast<sockaddr*>(&bind_to), sizeof bind_to) != 0)
    return Status::from_errno(fmt::format("{}: bind port {}", what, medium.port));
  return std::move(*fd);
}

Result<MediumSender> open_medium_sender(const config::Medium& medium) {
  std::string what = fmt::format("sender for {}", config::medium_name(medium));
  auto fd = udp_socket_on(medium.interface);
  if (!fd) return fd.status().with_context(what);
  MediumSender sender;
  sender.destination.sin_family = AF_INET;
  sender.destination.sin_port = htons(medium.port);
  switch (medium.kind) {
    case config::MediumKind::bcast: {
      int one = 1;
      if (::setsockopt(fd->get(), SOL_SOCKET, SO_BROADCAST, &one, sizeof one) != 0)
        return Status::from_errno(what + ": SO_BROADCAST");
      auto ifaddr = interface_addresses(medium.interface);
      if (!ifaddr) return ifaddr.status().with_context(what);
      sender.destination.sin_addr = ifaddr->broadcast;
      break;
    }
    case config::MediumKind::mcast: {
      auto group = parse_ipv4(medium.group);
      if (!group) return group.status().with_context(what);
      auto ifaddr = interface_addresses(medium.interface);
      if (!ifaddr) return ifaddr.status().with_context(what);
      unsigned char ttl = static_cast<unsigned char>(medium.ttl);
      unsigned char loop = medium.loop ? 1 : 0;
      if (::setsockopt(fd->get(), IPPROTO_IP, IP_MULTICAST_IF, &ifaddr->address, sizeof ifaddr->address) != 0 ||
          ::setsockopt(fd->get(), IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0 ||
          ::setsockopt(fd->get(), IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0)
        return Status::from_errno(what + ": multicast options");
      sender.destination.sin_addr = *group;
      break;
    }
    case config::MediumKind::ucast: {
      auto peer = parse_ipv4(medium.peer);
      if (!peer) return peer.status().with_context(what);
      sender.destination.sin_addr = *peer;
      break;
    }
    default:
      return Status::error(fmt::format("{}: medium kind {} is not supported by pacer", what,
                                       config::to_string(medium.kind)));
  }
  sender.socket = std::move(*fd);
  return sender;
}

}  // namespace pacer::heartbeat
