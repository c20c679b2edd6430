// stonith-device: how lrmd's stonith class reaches stonithd (${PACER_LIBEXECDIR}/stonith-device).
// lrmd runs it like an agent, so its timeout, queueing and result reporting apply unchanged:
//
//   stonith-device start|stop|monitor|status RSC_ID TYPE
//
// The resource's parameters come in the environment as pcr_param_<name>=<value> (the environment
// is private to root, unlike argv). The exit code is the OCF rc stonithd answered: start 0
// (registered), 1 (the plugin's status failed), 2 (gethosts failed or empty); stop 0; monitor 0,
// 1 (status failed), 7 (not registered; a recurring monitor registers the device again instead,
// since only a restarted stonithd forgets a started device). No stonithd: 1 (7 for monitor, and stop succeeds: there
// is nothing registered to remove).
#include <iostream>
#include <map>

#include "stonithd/client/stonithd_client.h"

extern char** environ;

int main(int argc, char** argv) {
  using namespace pacer;
  if (argc != 4) {
    std::cerr << "usage: stonith-device start|stop|monitor RSC_ID TYPE\n";
    return 2;
  }
  std::string action = argv[1], id = argv[2], type = argv[3];
  std::map<std::string, std::string> params;
  constexpr std::string_view prefix = "pcr_param_";
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with(prefix)) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    params.emplace(std::string(kv.substr(prefix.size(), eq - prefix.size())), std::string(kv.substr(eq + 1)));
  }
  auto number = [&params](const char* name, long long fallback) {
    auto it = params.find(name);
    if (it == params.end()) return fallback;
    try {
      return std::stoll(it->second);
    } catch (...) {
      return fallback;
    }
  };
  Millis timeout(number("CRM_meta_timeout", 60000));
  bool recurring = number("CRM_meta_interval", 0) > 0;
  for (auto it = params.begin(); it != params.end();)
    it = it->first.starts_with("CRM_meta") ? params.erase(it) : std::next(it);
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return 1;
  auto client = stonithd::StonithdClient::connect(**loop);
  if (!client) {
    std::cout << "stonithd is not running: " << client.error_message() << "\n";
    if (action == "stop") return 0;
    return action == "start" ? 1 : 7;
  }
  Result<proto::stonithd::Reply> reply = Status::error("unknown action " + action);
  if (action == "start") reply = (*client)->register_device(id, type, params, timeout);
  else if (action == "stop") reply = (*client)->unregister_device(id);
  else if (action == "monitor" || action == "status") {
    reply = (*client)->device_status(id, timeout);
    // A recurring monitor of a started device that stonithd does not know: stonithd was restarted
    // (respawned by heartbeatd) and lost its registry. Register the device again, so that it can
    // fence without waiting for crmd to recover the resource. A probe (interval 0) never does.
    if (recurring && reply && reply->rc() == 7) {
      std::cout << "device " << id << " was not registered (stonithd restarted?): registering it again\n";
      reply = (*client)->register_device(id, type, params, timeout);
    }
  }
  else {
    std::cout << "unknown action " << action << "\n";
    return 3;
  }
  if (!reply) {
    std::cout << reply.error_message() << "\n";
    return 1;
  }
  if (!reply->error().empty()) std::cout << reply->error() << "\n";
  for (const auto& h : reply->hosts()) std::cout << h << "\n";
  return reply->ok() ? 0 : (reply->rc() ? reply->rc() : 1);
}
