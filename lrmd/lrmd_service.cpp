// The dispatch table of lrmd. Each handler parses its request, checks the protocol version, calls
// the ResourceManager and answers with one "lrmd.reply".
#include "lrmd/lrmd_service.h"

#include <charconv>

#include <fmt/format.h>

#include "lrmd/lrmd_protocol.h"

namespace pacer::lrmd {
namespace {

using ipc::IpcMessage;
using ipc::IpcRequest;
using HandlerResult = Result<std::optional<IpcMessage>>;

IpcMessage reply(const proto::lrmd::Reply& r) { return ipc::make_message(std::string(msg::reply), r); }

IpcMessage reply_status(const Status& status) {
  proto::lrmd::Reply r;
  if (!status) r.set_error(status.message());
  return reply(r);
}

IpcMessage reply_list(const Result<std::vector<std::string>>& list) {
  proto::lrmd::Reply r;
  if (!list) r.set_error(list.error_message());
  else
    for (const auto& item : *list) r.add_items(item);
  return reply(r);
}

// Parses the payload and checks its version; a failure closes the connection.
template <typename Message>
Result<Message> parse(const IpcRequest& request) {
  auto parsed = ipc::parse_payload<Message>(request.message);
  if (!parsed) return parsed.status();
  if (parsed->version() != kProtocolVersion)
    return Status::error(fmt::format("{}: unsupported protocol version {}", request.message.type,
                                     parsed->version()));
  return parsed;
}

}  // namespace

Result<std::unique_ptr<LrmdService>> LrmdService::start(ipc::EventLoop& loop,
                                                        ResourceManager& manager,
                                                        ServiceOptions options) {
  auto service = std::make_unique<LrmdService>(Private{}, manager, std::move(options));
  LrmdService* self = service.get();
  ipc::IpcServerOptions server_options;
  server_options.name = service->options_.name;
  server_options.policy = service->options_.policy;
  server_options.log = service->options_.log;
  server_options.on_disconnect = [self](ipc::ConnectionId id) { self->manager_.client_gone(id); };
  auto server = ipc::IpcServer::start(loop, std::move(server_options));
  if (!server) return server.status().with_context("starting lrmd's IPC service");
  service->server_ = std::move(server).value();
  service->install_handlers();
  manager.set_result_sink([self](ClientId owner, const OperationResult& result) {
    // A client that went away misses its results; the last result stays in the state.
    (void)self->server_->push(owner, ipc::make_message(std::string(msg::op_result), to_proto(result)));
  });
  return service;
}

LrmdService::LrmdService(Private, ResourceManager& manager, ServiceOptions options)
    : manager_(manager), options_(std::move(options)) {}

LrmdService::~LrmdService() { manager_.set_result_sink(nullptr); }

void LrmdService::install_handlers() {
  auto& s = *server_;
  ResourceManager& m = manager_;

  s.handle(std::string(msg::register_rsc), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::RegisterRequest>(req);
    if (!r) return r.status();
    return std::optional(reply_status(m.register_resource(from_proto(r->resource()))));
  });
  s.handle(std::string(msg::unregister_rsc), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ResourceIdRequest>(req);
    if (!r) return r.status();
    return std::optional(reply_status(m.unregister_resource(r->rsc_id())));
  });
  s.handle(std::string(msg::flush_rsc), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ResourceIdRequest>(req);
    if (!r) return r.status();
    return std::optional(reply_status(m.flush(r->rsc_id())));
  });
  s.handle(std::string(msg::get_rsc), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ResourceIdRequest>(req);
    if (!r) return r.status();
    proto::lrmd::Reply out;
    auto spec = m.resource(r->rsc_id());
    if (!spec) out.set_error(spec.error_message());
    else
      *out.add_resources()->mutable_resource() = to_proto(*spec);
    return std::optional(reply(out));
  });
  s.handle(std::string(msg::perform_op), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::OpRequest>(req);
    if (!r) return r.status();
    proto::lrmd::Reply out;
    auto call = m.perform(req.connection, from_proto(*r));
    if (!call) out.set_error(call.error_message());
    else
      out.set_call_id(*call);
    return std::optional(reply(out));
  });
  s.handle(std::string(msg::cancel_op), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::CancelRequest>(req);
    if (!r) return r.status();
    return std::optional(reply_status(m.cancel(r->rsc_id(), r->call_id())));
  });
  s.handle(std::string(msg::get_state), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ResourceIdRequest>(req);
    if (!r) return r.status();
    proto::lrmd::Reply out;
    for (const auto& state : m.state())
      if (r->rsc_id().empty() || r->rsc_id() == state.spec.id) *out.add_resources() = to_proto(state);
    return std::optional(reply(out));
  });
  s.handle(std::string(msg::list_classes), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ClassQuery>(req);
    if (!r) return r.status();
    return std::optional(reply_list(m.classes()));
  });
  s.handle(std::string(msg::list_types), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ClassQuery>(req);
    if (!r) return r.status();
    return std::optional(reply_list(m.types(r->rclass(), r->provider())));
  });
  s.handle(std::string(msg::list_providers), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ClassQuery>(req);
    if (!r) return r.status();
    return std::optional(reply_list(m.providers(r->rclass(), r->type())));
  });
  s.handle(std::string(msg::metadata), [this, &m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ClassQuery>(req);
    if (!r) return r.status();
    ipc::ReplyTo to = req.reply_to;
    // The agent runs on a worker; the reply follows when it is done.
    m.metadata(r->rclass(), r->type(), r->provider(), [this, to](Result<std::string> xml) {
      proto::lrmd::Reply out;
      if (!xml) out.set_error(xml.error_message());
      else
        out.set_text(*xml);
      if (to.request_id != 0 || to.as_event) (void)server_->reply(to, reply(out));
    });
    return std::optional<IpcMessage>();
  });
  s.handle(std::string(msg::set_param), [this, &m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ParamRequest>(req);
    if (!r) return r.status();
    if (r->name() != "max-children")
      return std::optional(reply_status(Status::error(fmt::format("unknown parameter '{}'", r->name()))));
    size_t n = 0;
    auto [end, ec] = std::from_chars(r->value().data(), r->value().data() + r->value().size(), n);
    if (ec != std::errc() || end != r->value().data() + r->value().size() || n < 1 || n > 1024)
      return std::optional(reply_status(Status::error("max-children must be 1..1024")));
    if (options_.on_max_children) options_.on_max_children(n);
    m.set_max_children(n);
    return std::optional(reply_status(Status::ok()));
  });
  s.handle(std::string(msg::get_param), [&m](const IpcRequest& req) -> HandlerResult {
    auto r = parse<proto::lrmd::ParamRequest>(req);
    if (!r) return r.status();
    proto::lrmd::Reply out;
    if (r->name() == "max-children") out.set_text(std::to_string(m.max_children()));
    else
      out.set_error(fmt::format("unknown parameter '{}'", r->name()));
    return std::optional(reply(out));
  });
}

}  // namespace pacer::lrmd
