// Staging pacer's lrmd into sandbox nodes: the built binaries and the test agents are copied into
// a temporary DESTDIR-style tree that the sandbox overlays on each node's /usr.
#include "tests/lrmd/lrmd_sandbox.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

namespace pacer::lrmd::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Status copy_exec(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::error(fmt::format("copy {} -> {}: {}", from.string(), to.string(), ec.message()));
  fs::permissions(to, fs::perms(0755), ec);
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<LrmdSandbox>> LrmdSandbox::create(int nodes, bool client) {
  char tmpl[] = "/tmp/pacer-lrmd-stage-XXXXXX";
  if (!::mkdtemp(tmpl)) return Status::from_errno("mkdtemp");
  auto self = std::make_unique<LrmdSandbox>(tmpl);
  fs::path stage = self->stage_dir_;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {PCR_LRMD_BINARY, "usr/libexec/pacer/lrmd"},
           {PCR_LRMADMIN_BINARY, "usr/sbin/pacer-lrmadmin"},
           {PCR_STONITH_DEVICE_BINARY, "usr/libexec/pacer/stonith-device"},
           {PCR_LRMD_LATENESS_BINARY, "usr/lib/pacer-tests/lrmd_monitor_lateness"}})
    if (Status s = copy_exec(from, stage / to); !s) return s;
  for (const char* agent : {"SleepPastTimeout", "IgnoreTerm", "HoldStdout"})
    if (Status s = copy_exec(fs::path(PCR_LRMD_TESTAGENTS) / agent,
                             stage / "usr/lib/ocf/resource.d/pacertest" / agent);
        !s)
      return s;

  sandbox::SandboxOptions options;
  options.nodes = nodes;
  options.client = client;
  options.stage_dir = self->stage_dir_;
  options.label = "lrmd-test";
  auto sb = sandbox::Sandbox::create(options);
  if (!sb) return sb.status().with_context("creating the sandbox");
  self->sandbox_ = std::move(sb).value();
  // The LSB test script lives in the node's /etc overlay.
  std::ifstream in(fs::path(PCR_LRMD_TESTAGENTS) / "pacer-lsbtest");
  std::stringstream text;
  text << in.rdbuf();
  for (int i = 1; i <= nodes; ++i) {
    std::string host = fmt::format("pm{}", i);
    if (Status s = self->sandbox_->write_file(host, "/etc/init.d/pacer-lsbtest", text.str()); !s) return s;
    // The node's /dev nodes are made under the init's umask (0644): non-root programs (postgres)
    // cannot open /dev/null. They live in the node's private /dev tmpfs, so this stays local.
    auto chmod = self->sh(host, "chmod 755 /etc/init.d/pacer-lsbtest && "
                                "chmod 666 /dev/null /dev/zero /dev/full /dev/random /dev/urandom");
    if (!chmod) return chmod.status();
  }
  return self;
}

LrmdSandbox::~LrmdSandbox() {
  // For a look at what lrmd and the agents wrote: LRMD_TEST_SHOW_LOG=1.
  if (std::getenv("LRMD_TEST_SHOW_LOG") && sandbox_)
    for (const auto& host : sandbox_->host_names())
      if (host != "client") std::fprintf(stderr, "==== %s ha-log ====\n%s", host.c_str(), ha_log(host).c_str());
  sandbox_.reset();  // kills every node, and with them every lrmd and agent
  std::error_code ec;
  fs::remove_all(stage_dir_, ec);
}

Status LrmdSandbox::start_lrmd(const std::string& host, const std::string& extra_args) {
  auto started = sh(host, "HA_LOGFACILITY=local1 setsid -f /usr/libexec/pacer/lrmd -r " + extra_args +
                              " </dev/null >/run/lrmd.out 2>&1");
  if (!started) return started.status();
  for (int i = 0; i < 100; ++i) {
    if (admin(host, {"-C"}).code() == 0) return Status::ok();
    std::this_thread::sleep_for(50ms);
  }
  auto out = sh(host, "cat /run/lrmd.out");
  return Status::error("lrmd did not come up in " + host + ": " + (out ? *out : ""));
}

LrmdSandbox::Admin LrmdSandbox::admin(const std::string& host, std::vector<std::string> args,
                                      std::chrono::milliseconds timeout) {
  args.insert(args.begin(), "/usr/sbin/pacer-lrmadmin");
  auto t0 = std::chrono::steady_clock::now();
  auto r = sandbox_->exec(host, args, sandbox::ExecOptions{.timeout = timeout});
  Admin a;
  a.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  if (r) a.status = *r;
  else
    a.status.stderr_text = r.error_message();
  return a;
}

Result<std::string> LrmdSandbox::sh(const std::string& host, const std::string& script) {
  auto r = sandbox_->sh(host, script);
  if (!r) return r.status();
  if (!r->succeeded())
    return Status::error(fmt::format("`{}` in {}: {}: {}{}", script, host, r->describe(),
                                     r->stdout_text, r->stderr_text));
  std::string out = r->stdout_text;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string LrmdSandbox::ha_log(const std::string& host) {
  auto status = sandbox_->status(host);
  if (!status) return "";
  std::ifstream in(status->state_dir / "log/ha-log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool LrmdSandbox::ha_log_has(const std::string& host, const std::string& text,
                             std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    if (ha_log(host).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(100ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

}  // namespace pacer::lrmd::testing
