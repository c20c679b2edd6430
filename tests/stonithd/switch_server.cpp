// The harness end of the sandbox power switch, for stonithd's tests.
#include "tests/stonithd/switch_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/sandbox/supervisor.h"

namespace pacer::stonithd::testing {

SwitchServer::SwitchServer(sandbox::Sandbox& sandbox, std::string path) : sandbox_(sandbox), path_(std::move(path)) {
  auto listener = sandbox::listen_on(path_);
  INFO(listener.error_message());
  REQUIRE(listener);
  listener_ = std::move(*listener);
  thread_ = std::thread([this] {
    while (!stop_) {
      int client = ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      UniqueFd owned(client);
      if (fail_power) {
        const char refusal[] = "err\nswitch broken by the test\n";
        char buf[256];
        (void)!::read(client, buf, sizeof buf);
        (void)!::write(client, refusal, sizeof refusal - 1);
        continue;
      }
      ++requests;
      bool stop = false;
      sandbox::serve_one(sandbox_, client, stop);
    }
  });
}

SwitchServer::~SwitchServer() {
  stop_ = true;
  ::shutdown(listener_.get(), SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  ::unlink(path_.c_str());
}

}  // namespace pacer::stonithd::testing
