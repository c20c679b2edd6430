// AttributeTable: the attributes of this node as its attrd (their owner) keeps them, and the
// dampening between a change and its CIB write.
//
// Dampening: the first change of an attribute whose value differs from what the CIB holds starts
// a timer of the attribute's dampen time; changes while it runs only replace the value; when it
// fires, the value of that moment is written, once, and only if it differs from the last one
// written. So a burst of changes is one write of the last value, and a value that flaps and comes
// back inside the window is never written. The timer is not restarted by later changes: a value
// that keeps flapping is still written at least every dampen period instead of never.
//
// `value++` / `value+=N` are expanded here, by the owner, against the current value, so that
// increments relayed from other nodes never lose one to a race.
//
// Pure bookkeeping: writes go out through the Writer callback; time through the Timers seam.
// Single-threaded.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attrd/attrd_protocol.h"
#include "attrd/attrd_timers.h"

namespace pacer::attrd {

struct WriteOrder {
  std::string name;
  std::optional<std::string> value;  // nullopt: delete
  Lifetime lifetime = Lifetime::reboot;

  bool operator==(const WriteOrder&) const = default;
};

// How long a failed write waits before it is tried again.
inline constexpr Millis kWriteRetry{1000};

class AttributeTable {
 public:
  // Returns whether the CIB took the write; a failure is retried after kWriteRetry.
  using Writer = std::function<Status(const WriteOrder&)>;

  AttributeTable(Timers& timers, Writer writer);
  ~AttributeTable();
  AttributeTable(const AttributeTable&) = delete;
  AttributeTable& operator=(const AttributeTable&) = delete;

  // An update of an attribute of this node (its `node` field is not looked at).
  void apply(const AttributeUpdate& update);
  // A value found in the CIB at start-up: current and written at once, so nothing is rewritten
  // and later `value++` continues from it.
  void load(const std::string& name, const std::string& value, Lifetime lifetime);

  // Writes every value again, whatever attrd believes the CIB holds (the CIB's copy may have been
  // replaced, e.g. by a node's status being rebuilt). Pending timers keep their own write.
  void rewrite_all();

  std::optional<std::string> value(const std::string& name) const;
  // Every attribute that has a value, by name.
  std::map<std::string, std::string> values() const;
  bool pending(const std::string& name) const;  // a dampening or retry timer runs

 private:
  struct Entry {
    std::optional<std::string> current;
    // What the CIB holds as far as we know; nullopt: unknown (never written nor loaded).
    std::optional<std::optional<std::string>> written;
    Millis dampen{0};
    Lifetime lifetime = Lifetime::reboot;
    std::optional<ipc::TimerId> timer;
  };

  void schedule(const std::string& name, Entry& entry, Millis delay);
  void flush(const std::string& name);

  Timers& timers_;
  Writer writer_;
  std::map<std::string, Entry> entries_;
};

}  // namespace pacer::attrd
