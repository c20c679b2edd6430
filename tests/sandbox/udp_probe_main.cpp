// sandbox-udp: a tiny UDP sender/receiver run inside nodes by the integration tests (no socat or
// python needed). Broadcast is enabled on the sender; the receiver counts datagrams.
//   sandbox-udp send ADDR PORT COUNT [INTERVAL_US]       sends COUNT datagrams "seq N"
//   sandbox-udp recv PORT DURATION_MS [EXPECT]          prints how many arrived; stops early at EXPECT
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int usage() {
  std::fprintf(stderr, "usage: sandbox-udp send ADDR PORT COUNT [INTERVAL_US] | recv PORT DURATION_MS [EXPECT]\n");
  return 2;
}

int send_main(const char* addr, int port, int count, int interval_us) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, addr, &to.sin_addr) != 1) return usage();
  int sent = 0;
  for (int i = 0; i < count; ++i) {
    std::string msg = "seq " + std::to_string(i);
    if (sendto(fd, msg.data(), msg.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) >= 0) ++sent;
    if (interval_us > 0) usleep(static_cast<useconds_t>(interval_us));
  }
  std::printf("%d\n", sent);
  return sent == count ? 0 : 1;
}

int recv_main(int port, int duration_ms, int expect) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in any{};
  any.sin_family = AF_INET;
  any.sin_port = htons(static_cast<uint16_t>(port));
  if (bind(fd, reinterpret_cast<sockaddr*>(&any), sizeof any) != 0) {
    std::perror("bind");
    return 1;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(duration_ms);
  int got = 0;
  while (expect <= 0 || got < expect) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[1500];
    if (recv(fd, buf, sizeof buf, 0) >= 0) ++got;
  }
  std::printf("%d\n", got);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string mode = argv[1];
  if (mode == "send" && argc >= 5)
    return send_main(argv[2], std::atoi(argv[3]), std::atoi(argv[4]), argc > 5 ? std::atoi(argv[5]) : 1000);
  if (mode == "recv" && argc >= 4) return recv_main(std::atoi(argv[2]), std::atoi(argv[3]), argc > 4 ? std::atoi(argv[4]) : 0);
  return usage();
}
