// FencingPort: how the DC's controller asks the local stonithd to fence a node (the graph's
// `stonith` crm-event). The answer comes later, on the loop, through `done`; main.cpp plugs in
// StonithdFencing, tests a fake.
#pragma once

#include <functional>
#include <string>

#include "common/clock.h"
#include "common/result.h"

namespace pacer::crmd {

class FencingPort {
 public:
  // ok: the node was fenced; `detail`: who did it, or why it failed.
  using Done = std::function<void(bool ok, const std::string& detail)>;
  virtual ~FencingPort() = default;
  // An error means the request could not even be made (no stonithd): `done` is then never called.
  virtual Status fence(const std::string& node, Millis timeout, Done done) = 0;
};

}  // namespace pacer::crmd
