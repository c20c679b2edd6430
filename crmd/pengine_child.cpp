// The pengine child's loop; see pengine_child.h.
#include "crmd/pengine_child.h"

#include <fmt/format.h>

#include "common/xml.h"
#include "crmd.pb.h"
#include "crmd/frame_stream.h"
#include "crmd/pe_input_store.h"
#include "pengine/graph_xml.h"
#include "pengine/schedule.h"
#include "pengine/transition_summary.h"

namespace pacer::crmd {
namespace {

// Pacemaker 1.0's LogActions wording (padded as it printed them).
std::string log_action(const pengine::SummaryItem& item) {
  if (item.change == "Start") return fmt::format("LogActions: Start   {}\t({})", item.rsc, item.details);
  if (item.change == "Stop") return fmt::format("LogActions: Stop    resource {}\t({})", item.rsc, item.details);
  if (item.change == "Move") return fmt::format("LogActions: Move    resource {}\t(Started {})", item.rsc, item.details);
  return fmt::format("LogActions: {} resource {}\t(Started {})", item.change, item.rsc, item.details);
}

proto::crmd::PeReply handle(const proto::crmd::PeRequest& request, PeInputStore& store, Logger& log) {
  proto::crmd::PeReply reply;
  reply.set_reference(request.reference());
  auto saved = store.save(request.cib());
  if (saved) {
    reply.set_pe_input(*saved);
  } else {
    log.error("process_pe_message: Could not save the input: {}", saved.status().message());
  }
  auto doc = XmlDocument::parse(request.cib(), "pe-input");
  if (!doc) {
    reply.set_error(doc.status().message());
    return reply;
  }
  auto schedule = pengine::schedule(*doc, request.now(), {});
  if (!schedule) {
    log.error("process_pe_message: Transition {}: ERRORs found during PE processing: {}",
              request.transition_id(), schedule.status().message());
    reply.set_error(schedule.status().message());
    return reply;
  }
  for (const auto& item : pengine::summary_items(*schedule)) log.info("{}", log_action(item));
  reply.set_graph(pengine::format_graph_xml(*schedule, request.transition_id()));
  log.info("process_pe_message: Transition {}: PEngine Input stored in: {}", request.transition_id(),
           reply.pe_input());
  return reply;
}

}  // namespace

int run_pengine_child(int fd, FileSystem& fs, const std::string& pe_dir, Logger& log) {
  PeInputStore store(fs, pe_dir);
  FrameReader reader;
  while (reader.fill(fd)) {
    for (;;) {
      auto frame = reader.next();
      if (!frame) {
        log.error("pengine: malformed request: {}", frame.status().message());
        return 1;
      }
      if (!*frame) break;
      if ((*frame)->type() != "pe.request") continue;
      proto::crmd::PeRequest request;
      if (!request.ParseFromString((*frame)->payload())) {
        log.error("pengine: malformed pe.request");
        return 1;
      }
      auto reply = handle(request, store, log);
      if (Status s = write_frame(fd, "pe.reply", reply.SerializeAsString()); !s) {
        log.error("pengine: cannot answer crmd: {}", s.message());
        return 1;
      }
    }
  }
  return 0;  // crmd closed the connection
}

}  // namespace pacer::crmd
