// The CIB client library: what crmd, attrd, crm_mon and the tools link to read and change the CIB.
//
// connect_cib() talks to the local cibd over IPC ("pacer-cib", or $PACER_CIB_SERVICE), unless
// CIB_file=PATH is set (or options.file is): then it works on that file with no daemon, the way
// Pacemaker's tools do — the file is loaded, each change applied by the same store, and written
// back (atomically) after every successful change.
//
// Failures keep their kind (cib_errors.h): a refused connection is `permission` with a message
// that says who cibd admits; no daemon is `not_connected`.
//
// Threading: single-threaded on the EventLoop given to connect_cib, which must outlive the client.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cibd/cib_request.h"
#include "cibd/cib_store.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"
#include "common/result.h"

namespace pacer::cib {

struct CibClientOptions {
  std::string service;  // empty: $PACER_CIB_SERVICE, else "pacer-cib"
  std::string file;     // empty: $CIB_file, else use the daemon
  Millis timeout{120000};
};

class CibClient {
 public:
  using ChangeCallback = std::function<void(const CibChange& change)>;
  virtual ~CibClient() = default;

  // Runs one operation; blocks until the answer.
  virtual Result<CibReplyData> perform(const CibRequest& request) = 0;
  // Calls `callback` for every change applied from now on (through the event loop for the daemon,
  // at once in file mode). Returns the sequence number of the last change before subscribing.
  virtual Result<std::uint64_t> subscribe(ChangeCallback callback) = 0;
  // "cibd on pacer-cib" or "file /path", for messages.
  virtual std::string describe() const = 0;
};

Result<std::unique_ptr<CibClient>> connect_cib(ipc::EventLoop& loop, CibClientOptions options = {});

}  // namespace pacer::cib
