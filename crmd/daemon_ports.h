// The real ports of the crmd daemon: heartbeatd for peers, cibd, lrmd and attrd through their
// client libraries, and the Logger. Thin adapters, no decisions (those are the Controller's).
#pragma once

#include <memory>

#include "attrd/client/attrd_client.h"
#include "cibd/cib_client.h"
#include "common/log.h"
#include "crmd/controller_ports.h"
#include "heartbeatd/client/heartbeat_client.h"
#include "lrmd/lrmd_client.h"

namespace pacer::crmd {

class HeartbeatPeers final : public PeerLink {
 public:
  HeartbeatPeers(heartbeat::HeartbeatClient& hb, Logger& log) : hb_(hb), log_(log) {}
  void send(const std::string& to_node, const proto::crmd::CrmdMessage& message) override;

 private:
  heartbeat::HeartbeatClient& hb_;
  Logger& log_;
};

class LrmdPort final : public LocalLrm {
 public:
  explicit LrmdPort(lrmd::LrmdClient& client) : client_(client) {}
  Status register_resource(const lrmd::ResourceSpec& spec) override { return client_.register_resource(spec); }
  Status unregister_resource(const std::string& rsc_id) override { return client_.unregister_resource(rsc_id); }
  Result<int> perform(const lrmd::OperationRequest& request) override { return client_.perform(request); }
  Status cancel(const std::string& rsc_id, int call_id) override { return client_.cancel(rsc_id, call_id); }
  Result<std::vector<lrmd::ResourceState>> state() override { return client_.state(); }

 private:
  lrmd::LrmdClient& client_;
};

class CibClientPort final : public CibPort {
 public:
  explicit CibClientPort(cib::CibClient& client) : client_(client) {}
  Result<cib::CibVersion> apply(const cib::CibRequest& request) override;
  Result<std::string> query() override;

 private:
  cib::CibClient& client_;
};

class AttrdSenderPort final : public AttrdPort {
 public:
  explicit AttrdSenderPort(ipc::EventLoop& loop) : loop_(loop), sender_(loop) {}
  Status update(const AttributeChange& change) override;
  Status refresh() override;

 private:
  ipc::EventLoop& loop_;
  attrd::AttributeSender sender_;
};

class LoggerSink final : public LogSink {
 public:
  explicit LoggerSink(Logger& logger) : logger_(logger) {}
  void log(LogLevel level, std::string_view line) override { logger_.log(level, line); }

 private:
  Logger& logger_;
};

}  // namespace pacer::crmd
