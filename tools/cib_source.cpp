// The two CIB sources. The client source reconnects on each fetch after a failure, so crm_mon
// survives cibd restarting underneath it.
#include "tools/cib_source.h"

#include "common/file_system.h"

namespace pacer::tools {
namespace {

class FileSource final : public CibSource {
 public:
  explicit FileSource(std::string path) : path_(std::move(path)) {}
  Result<XmlDocument> fetch() override {
    RealFileSystem fs;
    auto text = fs.read_file(path_);
    if (!text) return text.status();
    return XmlDocument::parse(*text, path_);
  }
  std::string describe() const override { return "file " + path_; }

 private:
  std::string path_;
};

class ClientSource final : public CibSource {
 public:
  explicit ClientSource(ipc::EventLoop& loop) : loop_(loop) {}
  Result<XmlDocument> fetch() override {
    if (!client_) {
      auto connected = cib::connect_cib(loop_);
      if (!connected) return connected.status();
      client_ = std::move(*connected);
    }
    auto reply = client_->perform(cib::CibRequest{});
    if (!reply) {
      client_.reset();
      return reply.status();
    }
    return XmlDocument::parse(reply->output, client_->describe());
  }
  std::string describe() const override { return client_ ? client_->describe() : "cibd"; }

 private:
  ipc::EventLoop& loop_;
  std::unique_ptr<cib::CibClient> client_;
};

}  // namespace

std::unique_ptr<CibSource> file_cib_source(std::string path) {
  return std::make_unique<FileSource>(std::move(path));
}

std::unique_ptr<CibSource> client_cib_source(ipc::EventLoop& loop) {
  return std::make_unique<ClientSource>(loop);
}

}  // namespace pacer::tools
