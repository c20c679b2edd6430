// crm: wiring only — the CIB client (cibd or CIB_file), the real editor, files and node name.
#include <sys/utsname.h>

#include <cstdlib>
#include <iostream>

#include "common/clock.h"
#include "common/file_system.h"
#include "attrd/client/attrd_client.h"
#include "tools/crm_shell.h"

using namespace pacer;
using namespace pacer::tools;

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << crm_usage();
    return args.empty() ? 64 : 0;
  }
  RealFileSystem fs;
  // As with Pacemaker's tools, CIB_file may name a CIB to be: start it empty.
  if (const char* file = std::getenv("CIB_file"); file && *file && !fs.exists(file)) {
    if (Status s = fs.write_file_atomic(file, crm_empty_cib(), 0600); !s) {
      std::cerr << "crm: cannot create " << file << ": " << s.message() << "\n";
      return 1;
    }
    std::cerr << "crm: " << file << " did not exist: created an empty CIB\n";
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    std::cerr << "crm: " << loop.error_message() << "\n";
    return 1;
  }
  auto client = cib::connect_cib(**loop);
  if (!client) {
    std::cerr << "crm: cannot reach the CIB: " << client.error_message() << "\n";
    return 1;
  }
  utsname host{};
  uname(&host);
  CrmEnvironment env{**client, std::cout, std::cerr, host.nodename, {}, {}, {}};
  env.run_editor = [](const std::string& path) -> Status {
    const char* editor = std::getenv("EDITOR");
    std::string command = std::string(editor && *editor ? editor : "vi") + " '" + path + "'";
    int rc = std::system(command.c_str());
    if (rc != 0) return Status::error("the editor (" + command + ") failed");
    return Status::ok();
  };
  env.read_file = [&fs](const std::string& path) { return fs.read_file(path); };
  env.write_file = [&fs](const std::string& path, const std::string& text) {
    return fs.write_file_atomic(path, text, 0600);
  };
  if (const char* tmp = std::getenv("TMPDIR"); tmp && *tmp) env.temp_dir = tmp;
  // Against a live cluster (not CIB_file) a cleanup also makes the nodes' attrd forget.
  if (const char* file = std::getenv("CIB_file"); !file || !*file) env.delete_attribute = attrd::delete_attribute;
  return run_crm_command(args, env);
}
