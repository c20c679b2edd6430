// lrmd's wire protocol: the message types of its dispatch table and the conversions between the
// Protobuf messages (proto/lrmd.proto) and lrmd's C++ types. Shared by the daemon and the client
// library so both sides agree by construction.
#pragma once

#include <string_view>

#include "lrmd.pb.h"
#include "lrmd/lrmd_types.h"

namespace pacer::lrmd {

namespace msg {
// Requests (each answered with kReply).
inline constexpr std::string_view register_rsc = "lrmd.register";
inline constexpr std::string_view unregister_rsc = "lrmd.unregister";
inline constexpr std::string_view get_rsc = "lrmd.get_resource";
inline constexpr std::string_view flush_rsc = "lrmd.flush";
inline constexpr std::string_view perform_op = "lrmd.perform_op";
inline constexpr std::string_view cancel_op = "lrmd.cancel_op";
inline constexpr std::string_view get_state = "lrmd.get_state";
inline constexpr std::string_view list_classes = "lrmd.list_classes";
inline constexpr std::string_view list_types = "lrmd.list_types";
inline constexpr std::string_view list_providers = "lrmd.list_providers";
inline constexpr std::string_view metadata = "lrmd.metadata";
inline constexpr std::string_view set_param = "lrmd.set_param";
inline constexpr std::string_view get_param = "lrmd.get_param";
// The reply to every request, and the event carrying a result.
inline constexpr std::string_view reply = "lrmd.reply";
inline constexpr std::string_view op_result = "lrmd.op_result";
}  // namespace msg

proto::lrmd::Resource to_proto(const ResourceSpec& spec);
ResourceSpec from_proto(const proto::lrmd::Resource& message);

proto::lrmd::OpRequest to_proto(const OperationRequest& request);
OperationRequest from_proto(const proto::lrmd::OpRequest& message);

proto::lrmd::OpResult to_proto(const OperationResult& result);
OperationResult from_proto(const proto::lrmd::OpResult& message);

proto::lrmd::ResourceState to_proto(const ResourceState& state);
ResourceState from_proto(const proto::lrmd::ResourceState& message);

}  // namespace pacer::lrmd
