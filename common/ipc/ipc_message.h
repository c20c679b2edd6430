// IpcMessage: what pacer's IPC carries for its users: a message type (the dispatch key) and the
// serialized Protobuf message that type names. The envelope's version and request id are the
// transport's business and never reach handlers.
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

#include "common/result.h"

namespace pacer::ipc {

struct IpcMessage {
  std::string type;
  std::string payload;
};

// Wraps a Protobuf message under `type`.
template <typename ProtoMessage>
IpcMessage make_message(std::string type, const ProtoMessage& message) {
  return IpcMessage{std::move(type), message.SerializeAsString()};
}

// Parses the payload as ProtoMessage; a failure names the message type.
template <typename ProtoMessage>
Result<ProtoMessage> parse_payload(const IpcMessage& message) {
  ProtoMessage parsed;
  if (!parsed.ParseFromString(message.payload))
    return Status::error(fmt::format("malformed payload of '{}'", message.type));
  return parsed;
}

}  // namespace pacer::ipc
