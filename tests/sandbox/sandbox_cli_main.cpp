// sandbox: the command-line front of the sandbox harness, for humans and demos.
//
//   sandbox up [--name N] [--nodes K] [--no-client] [--stage DIR] [--facility F]
//              [--watchdog-timeout MS] [--no-disks] [--no-shim]
//   sandbox down|status|events [--name N]
//   sandbox exec [--name N] HOST [CMD...]          (interactive: enters the host directly)
//   sandbox link cut|restore eth0|eth1|eth2 [HOST]
//   sandbox loss add eth1 PERCENT [FROM|*] [TO|*] | loss clear | loss show
//   sandbox power off|on|reset|freeze|thaw HOST
//   sandbox disk list | disk fail|restore ALIAS
//   sandbox logs [HOST...]
//   sandbox sweep                                  (removes leftovers of dead runs)
// `up` forks a detached supervisor that owns the nodes (they die with it); the other commands
// talk to it over /run/pacer-sandbox/<name>/control.sock.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "common/process_runner.h"
#include "tests/sandbox/control_protocol.h"
#include "tests/sandbox/supervisor.h"
#include "tests/sandbox/sweeper.h"

using namespace pacer;
using namespace pacer::sandbox;
namespace fs = std::filesystem;

namespace {

int usage() {
  std::fputs(
      "usage: sandbox [--name N] COMMAND ...\n"
      "  up [--nodes K] [--no-client] [--stage DIR] [--facility F] [--watchdog-timeout MS] [--no-disks] [--no-shim]\n"
      "  down | status | events | sweep\n"
      "  exec HOST [CMD...]\n"
      "  link cut|restore eth0|eth1|eth2 [HOST]\n"
      "  loss add IFACE PERCENT [FROM|*] [TO|*] | loss clear | loss show\n"
      "  power off|on|reset|freeze|thaw HOST\n"
      "  disk list | disk fail|restore ALIAS\n"
      "  logs [HOST...]\n",
      stderr);
  return 2;
}

Result<Reply> request(const std::string& name, const std::vector<std::string>& words) {
  auto encoded = encode_request(words);
  if (!encoded) return encoded.status();
  // SANDBOX_CONTROL_SOCKET: a socket served elsewhere than /run/pacer-sandbox (inside a sandbox node
  // /run is the node's own; a test serves its socket on a path the nodes share with the host).
  const char* override_sock = std::getenv("SANDBOX_CONTROL_SOCKET");
  fs::path sock = override_sock && *override_sock ? fs::path(override_sock) : control_dir(name) / "control.sock";
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, sock.c_str(), sizeof addr.sun_path - 1);
  if (connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return Status::from_errno("no sandbox '" + name + "' is up (" + sock.string() + ")");
  if (write(fd.get(), encoded->data(), encoded->size()) != static_cast<ssize_t>(encoded->size()))
    return Status::from_errno("sending to the supervisor");
  std::string data;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd.get(), buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  return decode_reply(data);
}

int print_reply(const Result<Reply>& reply) {
  if (!reply) {
    std::cerr << "sandbox: " << reply.status().message() << "\n";
    return 1;
  }
  (reply->ok ? std::cout : std::cerr) << reply->text;
  return reply->ok ? 0 : 1;
}

int cmd_up(const std::string& name, std::vector<std::string> args) {
  SandboxOptions opts;
  for (size_t i = 0; i < args.size(); ++i) {
    auto value = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : ""; };
    const std::string& a = args[i];
    if (a == "--nodes" || a == "-n") opts.nodes = std::atoi(value().c_str());
    else if (a == "--no-client") opts.client = false;
    else if (a == "--stage") opts.stage_dir = value();
    else if (a == "--facility") opts.syslog_facility = value();
    else if (a == "--watchdog-timeout") opts.watchdog_timeout = std::chrono::milliseconds(std::atoi(value().c_str()));
    else if (a == "--no-disks") opts.shared_disk = opts.internal_disks = false;
    else if (a == "--no-shim") opts.sysrq_shim = false;
    else return usage();
  }
  fs::path dir = control_dir(name);
  if (request(name, {"status"})) {
    std::cerr << "sandbox: '" << name << "' is already up\n";
    return 1;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  chmod(kControlRoot, 0755);
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return 1;
  pid_t pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    // The supervisor: detached from the terminal, its own session, output to a log file.
    close(report[0]);
    setsid();
    int log = open((dir / "supervisor.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    dup2(null, 0);
    dup2(log, 1);
    dup2(log, 2);
    if (chdir("/") != 0) _exit(1);
    _exit(run_supervisor(name, opts, UniqueFd(report[1])));
  }
  close(report[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(report[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(report[0]);
  Reply reply = decode_reply(text.empty() ? "err\nsupervisor died while starting (see " + (dir / "supervisor.log").string() + ")\n" : text);
  return print_reply(reply);
}

// The supervisor is re-parented to the host's init, which reaps late: a zombie counts as gone.
bool process_alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  auto close_paren = line.rfind(')');
  return close_paren != std::string::npos && close_paren + 2 < line.size() && line[close_paren + 2] != 'Z';
}

int cmd_down(const std::string& name) {
  pid_t pid = 0;
  std::ifstream(control_dir(name) / "supervisor.pid") >> pid;
  auto reply = request(name, {"down"});
  if (!reply) return print_reply(reply);
  // Returns once the supervisor has torn everything down.
  for (int i = 0; pid > 0 && i < 3000 && process_alive(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::cout << "sandbox " << name << " is down\n";
  return 0;
}

int cmd_exec(const std::string& name, const std::vector<std::string>& args) {
  if (args.empty()) return usage();
  std::vector<std::string> words = {"execargv"};
  words.insert(words.end(), args.begin(), args.end());
  if (args.size() == 1) words.push_back("/bin/bash");
  auto reply = request(name, words);
  if (!reply || !reply->ok) return print_reply(reply);
  std::string line = reply->text.substr(0, reply->text.find('\n'));
  std::vector<std::string> argv;
  size_t start = 0;
  for (;;) {
    auto tab = line.find('\t', start);
    argv.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  execvp(cargv[0], cargv.data());
  std::perror("sandbox: exec nsenter");
  return 127;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string name = "default";
  for (size_t i = 0; i + 1 < args.size();) {
    if (args[i] == "--name") {
      name = args[i + 1];
      args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
    } else if (args[i] == "--") {
      break;
    } else {
      ++i;
    }
  }
  if (args.empty() || name.empty() || name.find('/') != std::string::npos) return usage();
  std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (!rest.empty() && rest[0] == "--") rest.erase(rest.begin());
  if (cmd == "up") return cmd_up(name, rest);
  if (cmd == "down") return cmd_down(name);
  if (cmd == "exec") return cmd_exec(name, rest);
  if (cmd == "sweep") {
    RealProcessRunner runner;
    for (const auto& line : sweep_stale(runner, "/tmp")) std::cout << "removed " << line << "\n";
    // Control dirs of supervisors that were killed.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(kControlRoot, ec)) {
      pid_t pid = 0;
      std::ifstream(e.path() / "supervisor.pid") >> pid;
      if (pid > 0 && !process_alive(pid)) {
        fs::remove_all(e.path(), ec);
        std::cout << "removed control dir " << e.path().string() << "\n";
      }
    }
    return 0;
  }
  if (cmd == "status" || cmd == "events" || cmd == "link" || cmd == "loss" || cmd == "power" || cmd == "disk" ||
      cmd == "logs") {
    std::vector<std::string> words = {cmd};
    words.insert(words.end(), rest.begin(), rest.end());
    return print_reply(request(name, words));
  }
  return usage();
}
