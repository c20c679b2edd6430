// lrmd's view of an operation turned into what controllers exchange and the status section records
// (proto LrmOp / LrmResource): a result as it arrives, and a node's whole history at join time.
// The op-digest is computed here, on the node that ran the operation, from the parameters it ran
// with, the same way the policy engine computes it from the configuration.
#pragma once

#include <string>
#include <vector>

#include "crmd.pb.h"
#include "lrmd/lrmd_types.h"

namespace pacer::crmd {

// md5 over the instance parameters (CRM_meta_* and crm_feature_set left out); recurring operations
// include their CRM_meta_timeout, as pengine/op_digest.h says.
std::string operation_digest(const lrmd::Params& params, long long interval_ms);

proto::crmd::LrmOp to_lrm_op(const lrmd::OperationResult& result);

// One resource, one operation: the body of an OpReport.
proto::crmd::LrmResource to_lrm_resource(const lrmd::ResourceSpec& spec,
                                         const lrmd::OperationResult& result);

// A node's whole history, from lrmd's state (what a JoinRequest carries).
std::vector<proto::crmd::LrmResource> to_history(const std::vector<lrmd::ResourceState>& state);

// The operation key "<rsc>_<op>_<interval>".
std::string op_key(const std::string& rsc_id, const proto::crmd::LrmOp& op);

}  // namespace pacer::crmd
