// Where the tools read the CIB from: a file named on the command line (crm_mon -x, read
// directly, no daemon), or cibd through pacer_cib_client (which itself honours CIB_file=PATH).
#pragma once

#include <memory>
#include <string>

#include "cibd/cib_client.h"
#include "common/ipc/event_loop.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::tools {

class CibSource {
 public:
  virtual ~CibSource() = default;
  virtual Result<XmlDocument> fetch() = 0;
  virtual std::string describe() const = 0;
};

std::unique_ptr<CibSource> file_cib_source(std::string path);
// `loop` must outlive the source. Connection errors come back from fetch(), so a monitor can
// keep retrying while the cluster starts.
std::unique_ptr<CibSource> client_cib_source(ipc::EventLoop& loop);

}  // namespace pacer::tools
