// The two CibClient implementations: over IPC to cibd, and on a file (CIB_file).
#include "cibd/cib_client.h"

#include <cstdlib>

#include <fmt/format.h>

#include "cibd/cib_errors.h"
#include "cibd/cib_protocol.h"
#include "cibd/cib_validator.h"
#include "cibd/cib_xml_input.h"
#include "common/file_system.h"
#include "common/ipc/ipc_client.h"
#include "common/ipc/ipc_message.h"

namespace pacer::cib {
namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

class IpcCibClient final : public CibClient {
 public:
  IpcCibClient(std::unique_ptr<ipc::IpcClient> client, Millis timeout)
      : client_(std::move(client)), timeout_(timeout) {}

  Result<CibReplyData> perform(const CibRequest& request) override {
    auto reply = client_->request(ipc::make_message(kCibRequestType, to_proto(request)), timeout_);
    if (!reply) return cib_error(CibErrorKind::not_connected, reply.error_message());
    auto parsed = ipc::parse_payload<proto::CibReply>(*reply);
    if (!parsed) return cib_error(CibErrorKind::other, parsed.error_message());
    return reply_from_proto(*parsed);
  }

  Result<std::uint64_t> subscribe(ChangeCallback callback) override {
    proto::CibSubscribe subscribe;
    subscribe.set_version(kCibProtocolVersion);
    auto reply = client_->request(ipc::make_message(kCibSubscribeType, subscribe), timeout_);
    if (!reply) return cib_error(CibErrorKind::not_connected, reply.error_message());
    auto parsed = ipc::parse_payload<proto::CibSubscribeReply>(*reply);
    if (!parsed) return cib_error(CibErrorKind::other, parsed.error_message());
    client_->on_event([callback](const ipc::IpcMessage& event) {
      if (event.type != kCibNotifyType) return;
      auto notification = ipc::parse_payload<proto::CibNotification>(event);
      if (!notification) return;
      auto change = from_proto(*notification);
      if (change) callback(*change);
    });
    return parsed->sequence();
  }

  std::string describe() const override { return fmt::format("cibd on '{}'", client_->service()); }

 private:
  std::unique_ptr<ipc::IpcClient> client_;
  Millis timeout_;
};

// Writes the whole document (status included) back to the file after each change.
class FileSink final : public CibSink {
 public:
  FileSink(FileSystem& fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  Status save(const XmlDocument& doc, bool) override {
    return fs_.write_file_atomic(path_, serialize_element(doc.root()), 0644);
  }

 private:
  FileSystem& fs_;
  std::string path_;
};

class FileCibClient final : public CibClient {
 public:
  FileCibClient(std::string path, XmlDocument doc)
      : path_(std::move(path)), sink_(fs_, path_), store_(std::move(doc), &sink_) {}

  Result<CibReplyData> perform(const CibRequest& request) override { return store_.apply(request); }

  Result<std::uint64_t> subscribe(ChangeCallback callback) override {
    store_.set_listener(std::move(callback));
    return store_.sequence();
  }

  std::string describe() const override { return fmt::format("file '{}'", path_); }

 private:
  std::string path_;
  RealFileSystem fs_;
  FileSink sink_;
  CibStore store_;
};

Result<std::unique_ptr<CibClient>> open_file(const std::string& path) {
  RealFileSystem fs;
  auto text = fs.read_file(path);
  if (!text) return cib_error(CibErrorKind::not_connected, text.error_message());
  auto doc = parse_cib_xml(*text, path);
  if (!doc) return doc.status();
  if (doc->root().name() != "cib")
    return cib_error(CibErrorKind::invalid_config, fmt::format("{}: the root element is not <cib>", path));
  return std::unique_ptr<CibClient>(std::make_unique<FileCibClient>(path, std::move(*doc)));
}

}  // namespace

Result<std::unique_ptr<CibClient>> connect_cib(ipc::EventLoop& loop, CibClientOptions options) {
  std::string file = options.file.empty() ? env_or("CIB_file", "") : options.file;
  if (!file.empty()) return open_file(file);
  std::string service = options.service.empty() ? env_or("PACER_CIB_SERVICE", kCibDefaultService)
                                                : options.service;
  ipc::IpcClientOptions ipc_options;
  ipc_options.max_frame = kCibMaxFrame;
  ipc_options.log = [](std::string_view) {};  // failures come back as Status; tools print them
  auto client = ipc::IpcClient::connect(loop, service, ipc_options);
  if (!client) {
    int e = client.status().sys_errno();
    if (e == EACCES || e == EPERM)
      return cib_error(CibErrorKind::permission,
                       fmt::format("cibd refused the connection (service '{}'): only root and members "
                                   "of the haclient group may use the CIB",
                                   service));
    return cib_error(CibErrorKind::not_connected,
                     fmt::format("could not connect to cibd (service '{}'): is the cluster running? "
                                 "({})", service, client.error_message()));
  }
  return std::unique_ptr<CibClient>(std::make_unique<IpcCibClient>(std::move(*client), options.timeout));
}

}  // namespace pacer::cib
