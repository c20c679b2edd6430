// cibadmin's flags map onto requests as Pacemaker's do.
#include "cibd/cibadmin_options.h"

#include <catch2/catch.hpp>

#include "cibd/cib_errors.h"
#include "cibd/cib_protocol.h"
#include "cibd/payload_compression.h"

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

TEST_CASE("protocol: versions, operations and compressed payloads") {
  CibRequest request;
  request.operation = CibOperation::replace;
  request.data = "<cib>" + std::string(200000, ' ') + "</cib>";
  proto::CibRequest wire = to_proto(request);
  CHECK(wire.data_zlib());
  CHECK(wire.data().size() < 10000);
  auto back = from_proto(wire);
  REQUIRE(back);
  CHECK(back->data == request.data);
  wire.set_version(2);
  CHECK(cib_error_kind(from_proto(wire).status()) == CibErrorKind::invalid_request);
  wire.set_version(1);
  wire.set_operation("sync-everything");
  CHECK(cib_error_kind(from_proto(wire).status()) == CibErrorKind::invalid_request);
  // A bomb: a few kilobytes that would expand past the bound are refused.
  std::string bomb = compress_payload(std::string(8u << 20, 'a'));
  CHECK(cib_error_kind(decompress_payload(bomb, 1u << 20).status()) == CibErrorKind::bad_input);
  CHECK(cib_error_kind(decompress_payload("not zlib", 1u << 20).status()) == CibErrorKind::bad_input);
  CHECK(cib_error_kind(decompress_payload(bomb.substr(0, bomb.size() / 2), 16u << 20).status()) ==
        CibErrorKind::bad_input);
}

}  // namespace
}  // namespace pacer::cib
