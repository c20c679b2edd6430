// cibadmin's flags map onto requests as Pacemaker's do.
#include "cibd/cibadmin_options.h"

#include <catch2/catch.hpp>

#include "cibd/cib_errors.h"

namespace pacer::cib {
namespace {

Result<CibadminOptions> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "cibadmin");
  return parse_cibadmin_options(args);
}

TEST_CASE("commands and their options") {
  auto q = parse({"-Q", "-o", "resources", "-n"});
  REQUIRE(q);
  CHECK(q->request.operation == CibOperation::query);
  CHECK(q->request.section == "resources");
  CHECK(q->request.no_children);
  auto scope = parse({"--query", "--scope", "status", "-l"});
  REQUIRE(scope);
  CHECK(scope->request.section == "status");
  CHECK(scope->local);
  auto m = parse({"-M", "-c", "-X", "<node_state id=\"x\"/>"});
  REQUIRE(m);
  CHECK(m->request.operation == CibOperation::modify);
  CHECK(m->request.can_create);
  CHECK(m->request.data == "<node_state id=\"x\"/>");
  auto d = parse({"-D", "--xpath", "//op", "--delete-all"});
  REQUIRE(d);
  CHECK(d->request.operation == CibOperation::remove);
  CHECK(d->request.xpath == "//op");
  CHECK(d->request.multiple);
  auto e = parse({"-E", "--force"});
  REQUIRE(e);
  CHECK(e->request.operation == CibOperation::erase);
  CHECK(e->request.force);
  auto x = parse({"-R", "-x", "/tmp/f.xml"});
  REQUIRE(x);
  CHECK(x->xml_file == "/tmp/f.xml");
  CHECK(parse({"-B"})->request.operation == CibOperation::bump);
  CHECK(parse({"-u"})->request.operation == CibOperation::upgrade);
  CHECK(parse({"-C", "-p"})->xml_pipe);
}

TEST_CASE("usage errors") {
  CHECK(cib_error_kind(parse({}).status()) == CibErrorKind::invalid_request);
  CHECK(cib_error_kind(parse({"-Q", "-M"}).status()) == CibErrorKind::invalid_request);
  CHECK(cib_error_kind(parse({"-Q", "--bogus"}).status()) == CibErrorKind::invalid_request);
  CHECK(cib_error_kind(parse({"-Q", "-o"}).status()) == CibErrorKind::invalid_request);
  CHECK(cib_error_kind(parse({"-Q", "extra"}).status()) == CibErrorKind::invalid_request);
  CHECK(parse({"--help"})->help);
}

TEST_CASE("the failure table gives Pacemaker's exit codes") {
  CHECK(cib_error_info(CibErrorKind::no_such_object).exit_code == 105);
  CHECK(cib_error_info(CibErrorKind::invalid_config).exit_code == 78);
  CHECK(cib_error_info(CibErrorKind::old_data).exit_code == 103);
  CHECK(cib_error_info(CibErrorKind::unsafe).exit_code == 107);
  CHECK(cib_error_info(CibErrorKind::permission).exit_code == 4);
  CHECK(cib_error_info(CibErrorKind::not_connected).exit_code == 102);
  Status s = cib_error(CibErrorKind::old_data, "older");
  CHECK(cib_error_detail(s) == "older");
  Status wire = cib_error_from_wire(s.sys_errno(), "older");
  CHECK(cib_error_kind(wire) == CibErrorKind::old_data);
  CHECK(cib_error_detail(wire) == "older");
}

}  // namespace
}  // namespace pacer::cib
