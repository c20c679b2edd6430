// The `pacemaker` directive's expansion tables and heartbeat's built-in API permissions.
#include "common/config/pacemaker_expansion.h"

#include <algorithm>
#include <array>

#include "common/config/config_scalars.h"

namespace pacer::config {
namespace {

constexpr auto kRespawn = ChildKind::respawn;
constexpr auto kFailfast = ChildKind::failfast;

// `on`: the core daemons reboot the node when they die; the others are restarted.
constexpr ImpliedChild kOnChildren[] = {
    {kFailfast, "hacluster", "ccm", "", false},  {kFailfast, "hacluster", "cib", "", false},
    {kRespawn, "root", "lrmd", "-r", false},     {kRespawn, "root", "stonithd", "", false},
    {kRespawn, "hacluster", "attrd", "", false}, {kFailfast, "hacluster", "crmd", "", false},
};

// `respawn`: the same daemons, none of them reboots.
constexpr ImpliedChild kRespawnChildren[] = {
    {kRespawn, "hacluster", "ccm", "", false},   {kRespawn, "hacluster", "cib", "", false},
    {kRespawn, "root", "lrmd", "-r", false},     {kRespawn, "root", "stonithd", "", false},
    {kRespawn, "hacluster", "attrd", "", false}, {kRespawn, "hacluster", "crmd", "", false},
};

// `minimal`/`manual`: no fencing or attribute daemon.
constexpr ImpliedChild kMinimalChildren[] = {
    {kFailfast, "hacluster", "ccm", "", false},
    {kFailfast, "hacluster", "cib", "", false},
    {kRespawn, "root", "lrmd", "-r", false},
    {kFailfast, "hacluster", "crmd", "", false},
};

// `valgrind`: like respawn, with cib, attrd and crmd run under valgrind.
constexpr ImpliedChild kValgrindChildren[] = {
    {kRespawn, "hacluster", "ccm", "", false},  {kRespawn, "hacluster", "cib", "", true},
    {kRespawn, "root", "lrmd", "-r", false},    {kRespawn, "root", "stonithd", "", false},
    {kRespawn, "hacluster", "attrd", "", true}, {kRespawn, "hacluster", "crmd", "", true},
};

constexpr ImpliedApiAuth kFullApiAuth[] = {
    {"cib", "hacluster"}, {"attrd", "hacluster"}, {"crmd", "hacluster"},
    {"stonithd", "root"}, {"stonith-ng", "root"}, {"pingd", "root"},
};

constexpr ImpliedApiAuth kMinimalApiAuth[] = {
    {"cib", "hacluster"},
    {"crmd", "hacluster"},
};

struct ModeWord {
  std::string_view word;
  PacemakerMode mode;
};

constexpr std::array<ModeWord, 5> kModeWords = {{
    {"respawn", PacemakerMode::respawn},
    {"minimal", PacemakerMode::minimal},
    {"manual", PacemakerMode::manual},
    {"valgrind", PacemakerMode::valgrind},
    {"off", PacemakerMode::off},
}};

}  // namespace

std::optional<PacemakerMode> parse_pacemaker_mode(std::string_view text) {
  for (const ModeWord& entry : kModeWords) {
    if (equals_ignore_case(text, entry.word)) return entry.mode;
  }
  if (const auto flag = parse_boolean(text)) return *flag ? PacemakerMode::on : PacemakerMode::off;
  return std::nullopt;
}

std::span<const ImpliedChild> pacemaker_children(PacemakerMode mode) {
  switch (mode) {
    case PacemakerMode::on:
      return kOnChildren;
    case PacemakerMode::respawn:
      return kRespawnChildren;
    case PacemakerMode::minimal:
    case PacemakerMode::manual:
      return kMinimalChildren;
    case PacemakerMode::valgrind:
      return kValgrindChildren;
    case PacemakerMode::off:
      break;
  }
  return {};
}

std::span<const ImpliedApiAuth> pacemaker_apiauth(PacemakerMode mode) {
  switch (mode) {
    case PacemakerMode::on:
    case PacemakerMode::respawn:
    case PacemakerMode::valgrind:
      return kFullApiAuth;
    case PacemakerMode::minimal:
    case PacemakerMode::manual:
      return kMinimalApiAuth;
    case PacemakerMode::off:
      break;
  }
  return {};
}

std::vector<ApiAuth> builtin_apiauth() {
  return {
      {"ipfail", {"hacluster"}, {}},   {"ccm", {"hacluster"}, {}},      {"ping", {}, {"haclient"}},
      {"cl_status", {}, {"haclient"}}, {"lha-snmpagent", {"root"}, {}}, {"anon", {}, {"haclient"}},
  };
}

void set_apiauth(std::vector<ApiAuth>& entries, ApiAuth entry) {
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const ApiAuth& old) { return old.client == entry.client; });
  if (it != entries.end()) {
    *it = std::move(entry);
  } else {
    entries.push_back(std::move(entry));
  }
}

}  // namespace pacer::config
