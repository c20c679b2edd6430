// AttrdCore: what one node's attrd does, without its sockets. Client updates for this node go into
// the AttributeTable (dampening, value++); updates naming another node are relayed to that node's
// attrd, which applies them as their owner. Each write to the CIB is logged the way Pacemaker 1.0's
// attrd logged it (pm_logconv reads "attrd_perform_update: Sent update N: name=value") and then
// announced to the other attrds, so every attrd can answer for every node's values.
//
// Seams: timers, the CIB (one request at a time, synchronous), sending to peer attrds and the log.
// Single-threaded.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "attrd/attribute_cib_requests.h"
#include "attrd/attribute_table.h"
#include "common/log.h"

namespace pacer::attrd {

struct AttrdSeams {
  Timers& timers;
  // Runs a request against the local CIB.
  std::function<Status(const cib::CibRequest&)> cib;
  // Sends `bytes` to the attrd on `node` ("" = every other node).
  std::function<Status(const std::string& node, const std::string& bytes)> send_peer;
  std::function<void(LogLevel, std::string_view)> log;
};

class AttrdCore {
 public:
  AttrdCore(NodeIdentity self, AttrdSeams seams);
  AttrdCore(const AttrdCore&) = delete;
  AttrdCore& operator=(const AttrdCore&) = delete;

  const NodeIdentity& self() const { return self_; }

  // An update from a local client. Fails only when a relay cannot be sent.
  Status client_update(AttributeUpdate update);
  // A message from `from_node`'s attrd. Malformed ones are logged and dropped: a peer's bug must
  // not take this attrd down.
  void peer_message(const std::string& from_node, std::string_view bytes);
  // A peer died or left: forget what it announced.
  void peer_lost(const std::string& node);
  // A peer (re)joined: tell it this node's values, so its queries of this node are right.
  // `node` "" tells every peer (after start-up, once the CIB's values are loaded).
  void announce_all(const std::string& node);
  // Write every local value to the CIB again.
  void refresh() { table_.rewrite_all(); }
  // Values this node's attributes had in the CIB before this attrd started.
  void load(const std::map<std::string, std::string>& transient);

  // `node` "" or this node: the local value; another node: what its attrd announced.
  NodeValue query(const std::string& name, const std::string& node) const;
  // Every attribute of this node that has a value (ifcheckd, pingd and diskd re-send theirs after
  // a restart of attrd, which starts from the CIB's copy).
  std::map<std::string, std::string> local_values() const { return table_.values(); }

 private:
  Status write(const WriteOrder& order);
  void log(LogLevel level, std::string_view line) const { seams_.log(level, line); }

  NodeIdentity self_;
  AttrdSeams seams_;
  AttributeTable table_;
  // node -> name -> value, as other attrds announced them.
  std::map<std::string, std::map<std::string, std::string>> peers_;
  int next_call_ = 2;  // Pacemaker's call ids start above the sign-on's
};

}  // namespace pacer::attrd
