// cibadmin's command line, parsed into a CibRequest without touching the CIB: a pure function so
// each flag's meaning is unit-tested. Flags follow Pacemaker's cibadmin.
#pragma once

#include <string>
#include <vector>

#include "cibd/cib_request.h"
#include "common/result.h"

namespace pacer::cib {

struct CibadminOptions {
  CibRequest request;
  bool have_operation = false;
  std::string xml_file;   // -x: read the data from this file ("-" is stdin)
  bool xml_pipe = false;  // -p: read the data from stdin
  bool local = false;     // -l: accepted; until replication every answer is local
  int verbose = 0;
  bool help = false;
};

// Parses argv (argv[0] is the program name). Usage errors are invalid_request.
Result<CibadminOptions> parse_cibadmin_options(const std::vector<std::string>& args);

std::string cibadmin_usage();

}  // namespace pacer::cib
