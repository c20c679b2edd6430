// getopt_long over a copy of the arguments; every flag maps onto a CibRequest field.
#include "cibd/cibadmin_options.h"

#include <getopt.h>

#include <fmt/format.h>

#include "cibd/cib_errors.h"

namespace pacer::cib {

std::string cibadmin_usage() {
  return "usage: cibadmin COMMAND [OPTIONS]\n"
         "Commands:\n"
         "  -Q, --query           the CIB, a section (-o) or what an XPath (-A) selects\n"
         "  -C, --create          add the given XML to a section\n"
         "  -M, --modify          merge the given XML into the element with its id\n"
         "  -R, --replace         replace the element (or section, or whole CIB) with the given XML\n"
         "  -D, --delete          delete the element matching the given XML (or the XPath)\n"
         "  -E, --erase           erase the contents of the whole CIB (needs --force)\n"
         "  -B, --bump            increase the configuration version (epoch)\n"
         "  -u, --upgrade         upgrade the configuration to the latest schema\n"
         "Options:\n"
         "  -o, --scope SECTION   configuration, nodes, resources, constraints, crm_config,\n"
         "                        rsc_defaults, op_defaults, status\n"
         "  -A, --xpath XPATH     act on what XPATH selects\n"
         "  -x, --xml-file FILE   the XML data from FILE\n"
         "  -X, --xml-text XML    the XML data given\n"
         "  -p, --xml-pipe        the XML data from standard input\n"
         "  -f, --force           force the operation\n"
         "  -l, --local           act on the local copy\n"
         "  -n, --no-children     query: without child elements\n"
         "  -c, --allow-create    modify: create the element when it does not exist\n"
         "  -d, --delete-all      delete every XPath match, not only the first\n"
         "  -V, --verbose         more messages\n"
         "Environment: CIB_file=PATH works on PATH instead of the running cluster.\n";
}

Result<CibadminOptions> parse_cibadmin_options(const std::vector<std::string>& args) {
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  static const option long_options[] = {
      {"query", no_argument, nullptr, 'Q'},        {"create", no_argument, nullptr, 'C'},
      {"modify", no_argument, nullptr, 'M'},       {"replace", no_argument, nullptr, 'R'},
      {"delete", no_argument, nullptr, 'D'},       {"erase", no_argument, nullptr, 'E'},
      {"bump", no_argument, nullptr, 'B'},         {"upgrade", no_argument, nullptr, 'u'},
      {"scope", required_argument, nullptr, 'o'},  {"obj_type", required_argument, nullptr, 'o'},
      {"xpath", required_argument, nullptr, 'A'},  {"xml-file", required_argument, nullptr, 'x'},
      {"xml-text", required_argument, nullptr, 'X'}, {"xml-pipe", no_argument, nullptr, 'p'},
      {"force", no_argument, nullptr, 'f'},        {"local", no_argument, nullptr, 'l'},
      {"no-children", no_argument, nullptr, 'n'},  {"allow-create", no_argument, nullptr, 'c'},
      {"delete-all", no_argument, nullptr, 'd'},   {"verbose", no_argument, nullptr, 'V'},
      {"sync-call", no_argument, nullptr, 's'},    {"timeout", required_argument, nullptr, 't'},
      {"help", no_argument, nullptr, 'h'},         {nullptr, 0, nullptr, 0}};
  CibadminOptions out;
  auto set_op = [&](CibOperation op) -> Status {
    if (out.have_operation && out.request.operation != op)
      return cib_error(CibErrorKind::invalid_request, "only one command may be given");
    out.request.operation = op;
    out.have_operation = true;
    return Status::ok();
  };
  optind = 0;  // restart getopt: this may be called more than once in a process (tests)
  opterr = 0;
  int argc = static_cast<int>(copy.size());
  for (int c; (c = getopt_long(argc, argv.data(), "QCMRDEBuo:A:x:X:pflncdVst:h", long_options, nullptr)) != -1;) {
    Status s;
    switch (c) {
      case 'Q': s = set_op(CibOperation::query); break;
      case 'C': s = set_op(CibOperation::create); break;
      case 'M': s = set_op(CibOperation::modify); break;
      case 'R': s = set_op(CibOperation::replace); break;
      case 'D': s = set_op(CibOperation::remove); break;
      case 'E': s = set_op(CibOperation::erase); break;
      case 'B': s = set_op(CibOperation::bump); break;
      case 'u': s = set_op(CibOperation::upgrade); break;
      case 'o': out.request.section = optarg; break;
      case 'A': out.request.xpath = optarg; break;
      case 'x': out.xml_file = optarg; break;
      case 'X': out.request.data = optarg; break;
      case 'p': out.xml_pipe = true; break;
      case 'f': out.request.force = true; break;
      case 'l': out.local = true; break;
      case 'n': out.request.no_children = true; break;
      case 'c': out.request.can_create = true; break;
      case 'd': out.request.multiple = true; break;
      case 'V': ++out.verbose; break;
      case 's': case 't': break;  // every call is synchronous; the client has its own timeout
      case 'h': out.help = true; break;
      default:
        return cib_error(CibErrorKind::invalid_request,
                         fmt::format("unknown option or missing argument: {}", argv[optind - 1]));
    }
    if (!s) return s;
  }
  if (optind < argc)
    return cib_error(CibErrorKind::invalid_request, fmt::format("unexpected argument '{}'", copy[optind]));
  if (!out.have_operation && !out.help)
    return cib_error(CibErrorKind::invalid_request, "no command given (-Q, -C, -M, -R, -D, -E, -B, -u)");
  return out;
}

}  // namespace pacer::cib
