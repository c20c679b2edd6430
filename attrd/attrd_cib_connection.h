// The local CIB as attrd uses it: connected on first use and again after cibd went away (attrd may
// start before cibd answers, and outlives a cibd restart). A failed request drops the connection so
// that the next one starts afresh; the AttributeTable retries failed writes.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "cibd/cib_client.h"
#include "common/ipc/event_loop.h"

namespace pacer::attrd {

class AttrdCibConnection {
 public:
  explicit AttrdCibConnection(ipc::EventLoop& loop) : loop_(loop) {}
  Status perform(const cib::CibRequest& request);
  // The answer of a query; a query that matched nothing is an empty answer, not an error.
  Result<std::string> query(const cib::CibRequest& request);

 private:
  Status ensure_connected();
  ipc::EventLoop& loop_;
  std::unique_ptr<cib::CibClient> client_;
};

}  // namespace pacer::attrd
