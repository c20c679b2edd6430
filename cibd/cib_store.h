// CibStore: the CIB of one node in memory, and the one place updates are applied. Pure of I/O:
// persistence is a CibSink the caller supplies (the daemon's writes cib.xml, CIB_file mode writes
// the file), notifications go to a listener.
//
// Each update is applied in place through a CibEdit journal, then: the version is bumped by the
// rules (cib_version.h); a configuration change is validated against the whole CIB; the diff is
// built; the sink saves. Any failure on the way rolls the journal back, so a rejected update
// leaves the document byte-for-byte as it was. Applied changes are numbered (sequence) so that a
// subscriber can tell it missed one.
//
// Replication seam: apply_diff() takes an ordered diff from the authoritative copy through the
// same path (validate, save, notify), refusing one meant for another version.
//
// Threading: single-threaded. The store is neither copyable nor movable (the journal holds a
// reference to its document).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "cibd/cib_request.h"
#include "cibd/cib_version.h"
#include "cibd/cib_xml_input.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

class CibSink {
 public:
  virtual ~CibSink() = default;
  // Makes `doc` durable. Called before the change is committed; a failure rejects the change.
  virtual Status save(const XmlDocument& doc, bool configuration_changed) = 0;
};

struct CibReplyData {
  std::string output;  // query answer; empty for updates
  CibVersion version;  // after the operation
  std::string diff;    // an applied update's diff (replication broadcasts it); not sent to clients
};

struct CibChange {
  std::uint64_t sequence = 0;
  std::string operation;
  CibVersion before;
  CibVersion after;
  bool configuration_changed = false;
  std::string diff;  // cib_diff.h format
};

class CibStore {
 public:
  using Listener = std::function<void(const CibChange&)>;

  // `document` should have been validated by whoever loaded it. `sink` may be null (nothing is
  // saved) and must outlive the store.
  explicit CibStore(XmlDocument document, CibSink* sink = nullptr, XmlLimits limits = {});
  CibStore(const CibStore&) = delete;
  CibStore& operator=(const CibStore&) = delete;

  Result<CibReplyData> apply(const CibRequest& request);
  Status apply_diff(const XmlDocument& diff);
  // Replication's whole-copy sync: `whole` becomes the CIB with exactly the version it carries
  // (older or newer; the replicator decides which copy wins). Validated and saved like any update.
  Status replace_whole(const XmlDocument& whole);

  const XmlDocument& document() const { return document_; }
  CibVersion version() const;
  std::uint64_t sequence() const { return sequence_; }
  void set_listener(Listener listener) { listener_ = std::move(listener); }

 private:
  XmlDocument document_;
  CibSink* sink_;
  XmlLimits limits_;
  std::uint64_t sequence_ = 0;
  Listener listener_;
};

}  // namespace pacer::cib
