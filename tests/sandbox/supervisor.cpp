// The sandbox supervisor: control socket server and request dispatch table.
#include "tests/sandbox/supervisor.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tests/sandbox/address_plan.h"

namespace pacer::sandbox {

namespace fs = std::filesystem;

fs::path control_dir(const std::string& name) { return fs::path(kControlRoot) / name; }

namespace {

const char* power_text(PowerState p) {
  switch (p) {
    case PowerState::on: return "on";
    case PowerState::off: return "off";
    case PowerState::frozen: return "frozen";
  }
  return "?";
}

Reply ok(std::string text = {}) { return {true, std::move(text)}; }
Reply fail(const Status& st) { return {false, st.message() + "\n"}; }
Reply from(const Status& st) { return st ? ok() : fail(st); }
Reply usage(const std::string& text) { return {false, "usage: " + text + "\n"}; }

Result<Lan> lan_arg(const std::string& word) {
  auto lan = lan_from_name(word);
  if (!lan) return Status::error("unknown interface " + word + " (eth0, eth1, eth2)");
  return *lan;
}

using Args = std::vector<std::string>;
using Handler = std::function<Reply(Sandbox&, const Args&, bool&)>;

Reply link_cmd(Sandbox& sb, const Args& a, bool&) {
  // link cut|restore IFACE [HOST]
  if (a.size() < 3 || (a[1] != "cut" && a[1] != "restore")) return usage("link cut|restore eth0|eth1|eth2 [HOST]");
  auto lan = lan_arg(a[2]);
  if (!lan) return fail(lan.status());
  std::string host = a.size() > 3 ? a[3] : "";
  return from(a[1] == "cut" ? sb.cut(*lan, host) : sb.restore(*lan, host));
}

Reply loss_cmd(Sandbox& sb, const Args& a, bool&) {
  // loss add IFACE PERCENT [FROM|*] [TO|*] | loss clear | loss show
  if (a.size() >= 2 && a[1] == "clear") return from(sb.set_loss({}));
  if (a.size() >= 2 && a[1] == "show") {
    auto counters = sb.loss_counters();
    if (!counters) return fail(counters.status());
    std::string text;
    for (const auto& c : *counters) text += fmt::format("{} dropped {} packets {} bytes\n", c.id, c.packets, c.bytes);
    return ok(text);
  }
  if (a.size() < 4 || a[1] != "add") return usage("loss add eth1 PERCENT [FROM|*] [TO|*] | loss clear | loss show");
  auto lan = lan_arg(a[2]);
  if (!lan) return fail(lan.status());
  LossRule rule;
  rule.lan = *lan;
  rule.percent = std::atoi(a[3].c_str());
  if (a.size() > 4 && a[4] != "*") rule.from = a[4];
  if (a.size() > 5 && a[5] != "*") rule.to = a[5];
  return from(sb.add_loss(rule));
}

Reply power_cmd(Sandbox& sb, const Args& a, bool&) {
  if (a.size() < 3) return usage("power off|on|reset|freeze|thaw HOST");
  const std::string& op = a[1];
  const std::string& host = a[2];
  if (op == "off") return from(sb.power_off(host));
  if (op == "on") return from(sb.power_on(host));
  if (op == "reset") return from(sb.reset(host));
  if (op == "freeze") return from(sb.freeze(host));
  if (op == "thaw") return from(sb.thaw(host));
  return usage("power off|on|reset|freeze|thaw HOST");
}

Reply disk_cmd(Sandbox& sb, const Args& a, bool&) {
  if (a.size() >= 2 && a[1] == "list") {
    std::string text;
    for (const auto& [alias, dev] : sb.disks()) text += fmt::format("{} {}\n", alias, dev);
    return ok(text);
  }
  if (a.size() < 3) return usage("disk list | disk fail|restore ALIAS");
  if (a[1] == "fail") return from(sb.disk_fail(a[2]));
  if (a[1] == "restore") return from(sb.disk_restore(a[2]));
  return usage("disk list | disk fail|restore ALIAS");
}

Reply logs_cmd(Sandbox& sb, const Args& a, bool&) {
  std::string text;
  if (a.size() > 1) {
    for (size_t i = 1; i < a.size(); ++i) text += sb.logs(a[i]);
  } else {
    for (const auto& h : sb.host_names()) text += sb.logs(h);
  }
  return ok(text);
}

Reply execargv_cmd(Sandbox& sb, const Args& a, bool&) {
  if (a.size() < 2) return usage("execargv HOST [CMD...]");
  auto argv = sb.exec_argv(a[1], Args(a.begin() + 2, a.end()));
  if (!argv) return fail(argv.status());
  return ok(fmt::format("{}\n", fmt::join(*argv, "\t")));
}

const std::map<std::string, Handler>& handlers() {
  static const std::map<std::string, Handler> table = {
      {"status", [](Sandbox& sb, const Args&, bool&) { return ok(describe_sandbox(sb, sb.options().label)); }},
      {"events", [](Sandbox& sb, const Args&, bool&) { return ok(fmt::format("{}\n", fmt::join(sb.events(), "\n"))); }},
      {"link", link_cmd},
      {"loss", loss_cmd},
      {"power", power_cmd},
      {"disk", disk_cmd},
      {"logs", logs_cmd},
      {"execargv", execargv_cmd},
      {"down", [](Sandbox&, const Args&, bool& stop) { stop = true; return ok("going down\n"); }},
  };
  return table;
}

}  // namespace

std::string describe_sandbox(Sandbox& sb, const std::string& name) {
  std::string out = fmt::format("sandbox {} prefix {} switch netns {} run dir {}\n", name, sb.prefix(),
                                sb.switch_netns(), sb.run_dir().string());
  for (const auto& host : sb.host_names()) {
    auto s = sb.status(host);
    if (!s) continue;
    std::string devs;
    for (const auto& [alias, dev] : s->devices) devs += fmt::format(" {}={}", alias, dev);
    out += fmt::format("{:<7} {:<6} init={:<7} boots={} state={}{}{}\n", host, power_text(s->power), s->init_pid,
                       s->boots, s->state_dir.string(), devs, s->last_death.empty() ? "" : "  last: " + s->last_death);
  }
  return out;
}

Reply handle_request(Sandbox& sandbox, const std::vector<std::string>& words, bool& stop) {
  auto it = handlers().find(words.at(0));
  if (it == handlers().end()) return {false, "unknown request " + words[0] + "\n"};
  return it->second(sandbox, words, stop);
}

Result<UniqueFd> listen_on(const fs::path& path) {
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return Status::from_errno("socket");
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.string().size() >= sizeof addr.sun_path) return Status::error("socket path too long: " + path.string());
  std::strcpy(addr.sun_path, path.c_str());
  unlink(path.c_str());
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return Status::from_errno("bind " + path.string());
  chmod(path.c_str(), 0600);  // root only: it can power hosts off and run commands in them
  if (listen(fd.get(), 16) != 0) return Status::from_errno("listen");
  return fd;
}

void serve_one(Sandbox& sb, int client, bool& stop) {
  std::string buf;
  char chunk[4096];
  std::optional<std::vector<std::string>> words;
  for (;;) {
    pollfd p{client, POLLIN, 0};
    if (poll(&p, 1, 5000) <= 0) return;  // a silent client does not block the supervisor forever
    ssize_t n = read(client, chunk, sizeof chunk);
    if (n <= 0) return;
    buf.append(chunk, static_cast<size_t>(n));
    auto decoded = decode_request(buf);
    if (!decoded) return;
    if (*decoded) {
      words = std::move(**decoded);
      break;
    }
  }
  std::string reply = encode_reply(handle_request(sb, *words, stop));
  for (size_t off = 0; off < reply.size();) {
    ssize_t n = write(client, reply.data() + off, reply.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

namespace {

void report(int fd, const std::string& text) {
  if (fd < 0) return;
  [[maybe_unused]] ssize_t n = write(fd, text.data(), text.size());
}

}  // namespace

int run_supervisor(const std::string& name, SandboxOptions options, UniqueFd report_fd) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGHUP);
  // Blocked before any thread exists, so the Sandbox's monitor thread inherits the mask.
  sigprocmask(SIG_BLOCK, &mask, nullptr);
  signal(SIGPIPE, SIG_IGN);
  UniqueFd sigfd(signalfd(-1, &mask, SFD_CLOEXEC));

  fs::path dir = control_dir(name);
  auto listener = listen_on(dir / "control.sock");
  if (!listener) {
    report(report_fd.get(), "err\n" + listener.status().message() + "\n");
    return 1;
  }
  options.label = name;
  auto sb = Sandbox::create(options);
  if (!sb) {
    report(report_fd.get(), "err\n" + sb.status().message() + "\n");
    unlink((dir / "control.sock").c_str());
    return 1;
  }
  {
    std::ofstream pid(dir / "supervisor.pid");
    pid << getpid() << "\n";
  }
  report(report_fd.get(), fmt::format("ok\n{}up in {} ms\n", describe_sandbox(**sb, name), (*sb)->bring_up_time().count()));
  report_fd.reset();

  bool stop = false;
  while (!stop) {
    pollfd fds[2] = {{listener->get(), POLLIN, 0}, {sigfd.get(), POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents) break;
    if (fds[0].revents) {
      UniqueFd client(accept4(listener->get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (client) serve_one(**sb, client.get(), stop);
    }
  }
  sb->reset();  // tears everything down
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}

}  // namespace pacer::sandbox
