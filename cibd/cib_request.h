// What a client asks of the CIB: one operation with its target (section or XPath), its XML data
// and its options. The same struct serves the daemon, the CIB_file mode and (later) replication.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pacer::cib {

// set_master/set_slave are crmd's (1.0's cib_master/cib_slave): they change which copy is
// authoritative (cib_replicator.h), never the document.
enum class CibOperation { query, create, modify, replace, remove, erase, bump, upgrade, set_master, set_slave };

std::string_view operation_name(CibOperation operation);  // "query", ..., "delete", ...
std::optional<CibOperation> parse_operation(std::string_view name);
bool is_read_only(CibOperation operation);

struct CibRequest {
  CibOperation operation = CibOperation::query;
  std::string section;  // "" = the whole CIB
  std::string xpath;    // when set, the target is what it selects (section is ignored)
  std::string data;     // XML for create, modify, replace, delete
  bool force = false;        // erase; a replace older than the current copy
  bool no_children = false;  // query: selected elements without children
  bool can_create = false;   // modify: add the element when it is missing
  bool multiple = false;     // xpath modify/delete: every match, not only the first
};

}  // namespace pacer::cib
