// Operation names as they travel in the protocol and appear in logs.
#include "cibd/cib_request.h"

#include <array>
#include <utility>

namespace pacer::cib {
namespace {

constexpr std::array<std::pair<CibOperation, std::string_view>, 10> kNames{{
    {CibOperation::query, "query"},
    {CibOperation::create, "create"},
    {CibOperation::modify, "modify"},
    {CibOperation::replace, "replace"},
    {CibOperation::remove, "delete"},
    {CibOperation::erase, "erase"},
    {CibOperation::bump, "bump"},
    {CibOperation::upgrade, "upgrade"},
    {CibOperation::set_master, "cib_master"},
    {CibOperation::set_slave, "cib_slave"},
}};

}  // namespace

std::string_view operation_name(CibOperation operation) {
  for (const auto& [op, name] : kNames)
    if (op == operation) return name;
  return "unknown";
}

std::optional<CibOperation> parse_operation(std::string_view name) {
  for (const auto& [op, op_name] : kNames)
    if (op_name == name) return op;
  return std::nullopt;
}

bool is_read_only(CibOperation operation) { return operation == CibOperation::query; }

}  // namespace pacer::cib
