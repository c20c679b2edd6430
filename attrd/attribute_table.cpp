// Dampened attribute bookkeeping; see attribute_table.h for the rules.
#include "attrd/attribute_table.h"

#include <vector>

#include "cibd/value_expansion.h"

namespace pacer::attrd {

AttributeTable::AttributeTable(Timers& timers, Writer writer)
    : timers_(timers), writer_(std::move(writer)) {}

AttributeTable::~AttributeTable() {
  for (auto& [name, entry] : entries_)
    if (entry.timer) timers_.cancel(*entry.timer);
}

void AttributeTable::apply(const AttributeUpdate& update) {
  Entry& entry = entries_[update.name];
  if (update.dampen) entry.dampen = *update.dampen;
  entry.lifetime = update.lifetime;
  std::optional<std::string> next = entry.current;
  if (update.remove) {
    next.reset();
  } else if (update.value) {
    next = cib::expand_value(
        "value", *update.value == update.name + "++" ? std::string("value++")
                 : update.value->starts_with(update.name + "+=")
                     ? "value+=" + update.value->substr(update.name.size() + 2)
                     : *update.value,
        entry.current ? std::optional<std::string_view>(*entry.current) : std::nullopt);
  } else {
    return;  // only the dampening changed
  }
  // An explicit delete of an attribute we never knew may still be in the CIB (written by an
  // earlier attrd): it must reach the CIB even though nothing changes here.
  bool unknown_delete = update.remove && !entry.written.has_value();
  if (next == entry.current && !unknown_delete) return;
  entry.current = std::move(next);
  if (entry.timer) return;  // coalesced into the write already scheduled
  if (entry.dampen.count() == 0) {
    flush(update.name);
  } else {
    schedule(update.name, entry, entry.dampen);
  }
}

void AttributeTable::load(const std::string& name, const std::string& value, Lifetime lifetime) {
  Entry& entry = entries_[name];
  if (entry.timer || entry.written) return;  // something newer arrived already
  entry.current = value;
  entry.written = std::optional<std::string>(value);
  entry.lifetime = lifetime;
}

void AttributeTable::rewrite_all() {
  std::vector<std::string> names;
  for (auto& [name, entry] : entries_) {
    if (entry.timer || !entry.current) continue;
    entry.written.reset();
    names.push_back(name);
  }
  for (const auto& name : names) flush(name);
}

std::optional<std::string> AttributeTable::value(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? std::nullopt : it->second.current;
}

std::map<std::string, std::string> AttributeTable::values() const {
  std::map<std::string, std::string> out;
  for (const auto& [name, entry] : entries_)
    if (entry.current) out.emplace(name, *entry.current);
  return out;
}

bool AttributeTable::pending(const std::string& name) const {
  auto it = entries_.find(name);
  return it != entries_.end() && it->second.timer.has_value();
}

void AttributeTable::schedule(const std::string& name, Entry& entry, Millis delay) {
  entry.timer = timers_.start(delay, [this, name] {
    entries_[name].timer.reset();
    flush(name);
  });
}

void AttributeTable::flush(const std::string& name) {
  Entry& entry = entries_[name];
  if (entry.written && *entry.written == entry.current) return;  // flapped back: nothing to write
  WriteOrder order{name, entry.current, entry.lifetime};
  if (writer_(order)) {
    entry.written = entry.current;
  } else {
    entry.written.reset();
    schedule(name, entry, kWriteRetry);
  }
}

}  // namespace pacer::attrd
