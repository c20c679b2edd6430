// crm_verify: checks a CIB (the live one with -L, a file with -x, text with -X, stdin with -p)
// against pacer's Pacemaker 1.0 schema and rules, printing each problem with the element, its id
// and the reason. Exit 0 when valid, 78 (CRM_EX_CONFIG) when not, as Pacemaker's crm_verify.
#include <getopt.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cibd/cib_client.h"
#include "cibd/cib_config_checks.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_validator.h"
#include "cibd/cib_xml_input.h"
#include "common/clock.h"

namespace {

constexpr int kExitUsage = 64;
constexpr int kExitConfig = 78;

void usage() {
  fmt::print(stderr,
             "usage: crm_verify (-L | -x FILE | -X XML | -p) [-V]\n"
             "  -L, --live-check     check the running cluster's CIB (or $CIB_file)\n"
             "  -x, --xml-file FILE  check FILE\n"
             "  -X, --xml-text XML   check the given XML\n"
             "  -p, --xml-pipe       check the XML on standard input\n"
             "  -V, --verbose        more detail\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer;
  using namespace pacer::cib;
  static const option long_options[] = {{"live-check", no_argument, nullptr, 'L'},
                                        {"xml-file", required_argument, nullptr, 'x'},
                                        {"xml-text", required_argument, nullptr, 'X'},
                                        {"xml-pipe", no_argument, nullptr, 'p'},
                                        {"verbose", no_argument, nullptr, 'V'},
                                        {"help", no_argument, nullptr, 'h'},
                                        {nullptr, 0, nullptr, 0}};
  bool live = false, pipe = false;
  std::string file, text;
  int verbose = 0;
  for (int c; (c = getopt_long(argc, argv, "Lx:X:pVh", long_options, nullptr)) != -1;) {
    switch (c) {
      case 'L': live = true; break;
      case 'x': file = optarg; break;
      case 'X': text = optarg; break;
      case 'p': pipe = true; break;
      case 'V': ++verbose; break;
      case 'h': usage(); return 0;
      default: usage(); return kExitUsage;
    }
  }
  if (live + !file.empty() + !text.empty() + pipe != 1) {
    usage();
    return kExitUsage;
  }
  std::string name = "input";
  if (live) {
    RealClock clock;
    auto loop = ipc::EventLoop::create(clock);
    if (!loop) return 1;
    auto client = connect_cib(**loop);
    if (!client) {
      fmt::print(stderr, "crm_verify: {}\n", cib_error_detail(client.status()));
      return cib_error_info(cib_error_kind(client.status())).exit_code;
    }
    auto result = (*client)->perform(CibRequest{});
    if (!result) {
      fmt::print(stderr, "crm_verify: {}\n", cib_error_detail(result.status()));
      return cib_error_info(cib_error_kind(result.status())).exit_code;
    }
    text = result->output;
    name = "live CIB";
  } else if (!file.empty()) {
    std::ifstream in(file);
    if (!in) {
      fmt::print(stderr, "crm_verify: Couldn't parse input file: {}\n", file);
      return 1;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    name = file;
  } else if (pipe) {
    std::stringstream buffer;
    buffer << std::cin.rdbuf();
    text = buffer.str();
    name = "stdin";
  }
  auto doc = parse_cib_xml(text, name);
  if (!doc) {
    fmt::print(stderr, "crm_verify: Couldn't parse input: {}\n", cib_error_detail(doc.status()));
    return 1;
  }
  ValidationReport report = validate_cib(*doc);
  // The configuration checks make sense only on a document that follows the schema.
  if (report.ok())
    for (auto& issue : check_configuration(*doc)) report.issues.push_back(std::move(issue));
  for (const auto& issue : report.issues) {
    std::string who = issue.id.empty() ? fmt::format("element {}", issue.element)
                                       : fmt::format("element {} '{}'", issue.element, issue.id);
    fmt::print(stderr, "{}:{}: {}: {}: {}\n", name, issue.line, who,
               issue.error ? "error" : "warning", issue.reason);
  }
  if (!report.ok()) {
    if (verbose > 0) fmt::print(stderr, "(main) \terror: CIB did not pass schema validation\n");
    fmt::print(stderr, "crm_verify: Errors found during check: config not valid\n");
    if (verbose == 0) fmt::print(stderr, "-V may provide more details\n");
    return kExitConfig;
  }
  if (report.warning_count() > 0)
    fmt::print(stderr, "crm_verify: Warnings found during check: config may not be valid\n");
  return 0;
}
