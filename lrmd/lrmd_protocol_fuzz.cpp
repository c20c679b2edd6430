// Fuzz target: arbitrary bytes as the payload of each lrmd request and of a result event, through
// the Protobuf parser and lrmd's conversions, as the daemon and the client library meet them.
// Nothing may crash, whatever the sizes, enum values or map keys.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/ipc/ipc_message.h"
#include "lrmd/lrmd_protocol.h"

namespace {

template <typename Message, typename Convert>
void try_parse(const std::string& bytes, Convert convert) {
  pacer::ipc::IpcMessage message{"lrmd.fuzz", bytes};
  auto parsed = pacer::ipc::parse_payload<Message>(message);
  if (parsed) convert(*parsed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  using namespace pacer::proto::lrmd;
  try_parse<RegisterRequest>(bytes, [](const RegisterRequest& m) {
    auto spec = pacer::lrmd::from_proto(m.resource());
    (void)spec.agent_name();
  });
  try_parse<OpRequest>(bytes, [](const OpRequest& m) {
    auto r = pacer::lrmd::from_proto(m);
    (void)pacer::lrmd::to_proto(r);
  });
  try_parse<OpResult>(bytes, [](const OpResult& m) {
    auto r = pacer::lrmd::from_proto(m);
    (void)pacer::lrmd::op_status_text(r.op_status);
    (void)pacer::lrmd::rc_text(r.rc);
  });
  try_parse<ResourceState>(bytes, [](const ResourceState& m) { (void)pacer::lrmd::from_proto(m); });
  return 0;
}
