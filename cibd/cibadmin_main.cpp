// cibadmin: Pacemaker's CIB admin tool over pacer_cib_client. Wiring and exit codes only.
#include <iostream>
#include <iterator>
#include <sstream>
#include <fstream>

#include <fmt/format.h>

#include "cibd/cib_client.h"
#include "cibd/cib_errors.h"
#include "cibd/cibadmin_options.h"
#include "common/clock.h"

namespace {

constexpr int kExitUsage = 64;

int fail(const pacer::Status& s, std::string_view prefix) {
  using namespace pacer::cib;
  const auto& info = cib_error_info(cib_error_kind(s));
  fmt::print(stderr, "{}: {}\n", prefix, info.pacemaker_text);
  fmt::print(stderr, "cibadmin: {}\n", cib_error_detail(s));
  return info.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer;
  using namespace pacer::cib;
  auto options = parse_cibadmin_options(std::vector<std::string>(argv, argv + argc));
  if (!options) {
    fmt::print(stderr, "cibadmin: {}\n{}", cib_error_detail(options.status()), cibadmin_usage());
    return kExitUsage;
  }
  if (options->help) {
    fmt::print("{}", cibadmin_usage());
    return 0;
  }
  CibRequest& request = options->request;
  if (!options->xml_file.empty() || options->xml_pipe) {
    std::stringstream buffer;
    if (options->xml_pipe || options->xml_file == "-") {
      buffer << std::cin.rdbuf();
    } else {
      std::ifstream in(options->xml_file);
      if (!in) {
        fmt::print(stderr, "cibadmin: cannot read {}\n", options->xml_file);
        return 66;  // CRM_EX_NOINPUT
      }
      buffer << in.rdbuf();
    }
    request.data = buffer.str();
  }
  bool needs_data = request.operation == CibOperation::create ||
                    request.operation == CibOperation::modify ||
                    request.operation == CibOperation::replace ||
                    (request.operation == CibOperation::remove && request.xpath.empty());
  if (needs_data && request.data.empty()) {
    fmt::print(stderr, "cibadmin: {} needs XML: use --xml-text, --xml-file or --xml-pipe\n",
               operation_name(request.operation));
    return kExitUsage;
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return fail(loop.status(), "Could not connect to the CIB");
  auto client = connect_cib(**loop);
  if (!client) return fail(client.status(), "Could not connect to the CIB");
  auto result = (*client)->perform(request);
  if (!result) return fail(result.status(), "Call failed");
  if (!result->output.empty()) fmt::print("{}", result->output);
  return 0;
}
