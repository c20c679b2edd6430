// ICMP echo over a raw socket.
#include "agents/icmp_probe.h"

#include <arpa/inet.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace pacer::agents {

std::uint16_t internet_checksum(const void* data, std::size_t size) {
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < size; i += 2) sum += static_cast<std::uint32_t>(bytes[i] << 8 | bytes[i + 1]);
  if (size % 2 == 1) sum += static_cast<std::uint32_t>(bytes[size - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return htons(static_cast<std::uint16_t>(~sum));
}

Result<IcmpProbe> IcmpProbe::open(Millis timeout) {
  int fd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
  if (fd < 0) return Status::from_errno("opening a raw ICMP socket");
  return IcmpProbe(UniqueFd(fd), timeout, static_cast<std::uint16_t>(getpid() & 0xffff));
}

ProbeOutcome IcmpProbe::probe(const std::string& host) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  if (inet_pton(AF_INET, host.c_str(), &to.sin_addr) != 1) return ProbeOutcome::send_failed;
  std::uint16_t seq = ++sequence_;
  std::uint8_t packet[64] = {};
  icmphdr header{};
  header.type = ICMP_ECHO;
  header.un.echo.id = htons(id_);
  header.un.echo.sequence = htons(seq);
  std::memcpy(packet, &header, sizeof header);
  std::memcpy(packet + sizeof header, "pacer pingd", 11);
  header.checksum = internet_checksum(packet, sizeof packet);
  std::memcpy(packet, &header, sizeof header);
  if (::sendto(fd_.get(), packet, sizeof packet, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0)
    return ProbeOutcome::send_failed;

  auto deadline = std::chrono::steady_clock::now() + timeout_;
  std::uint8_t buffer[1500];
  while (true) {
    auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ProbeOutcome::no_reply;
    pollfd p{fd_.get(), POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) return ProbeOutcome::no_reply;
    if (ready <= 0) continue;
    sockaddr_in from{};
    socklen_t from_len = sizeof from;
    ssize_t n = ::recvfrom(fd_.get(), buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < static_cast<ssize_t>(sizeof(iphdr))) continue;
    // A raw socket hands us the IP header first; its length is in 32-bit words.
    std::size_t ip_len = static_cast<std::size_t>(buffer[0] & 0x0f) * 4;
    if (static_cast<std::size_t>(n) < ip_len + sizeof(icmphdr)) continue;
    icmphdr reply;
    std::memcpy(&reply, buffer + ip_len, sizeof reply);
    if (reply.type == ICMP_ECHOREPLY && ntohs(reply.un.echo.id) == id_ &&
        ntohs(reply.un.echo.sequence) == seq && from.sin_addr.s_addr == to.sin_addr.s_addr)
      return ProbeOutcome::reply;
  }
}

}  // namespace pacer::agents
