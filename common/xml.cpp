#include "common/xml.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

namespace pacer {
namespace {

const xmlChar* to_xml(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

std::string from_xml(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

struct ParserContextFree {
  void operator()(xmlParserCtxtPtr ctxt) const { xmlFreeParserCtxt(ctxt); }
};
struct XPathContextFree {
  void operator()(xmlXPathContextPtr ctxt) const { xmlXPathFreeContext(ctxt); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObjectPtr obj) const { xmlXPathFreeObject(obj); }
};
struct XmlCharFree {
  void operator()(xmlChar* s) const { xmlFree(s); }
};

}  // namespace

std::string_view XmlNode::name() const { return reinterpret_cast<const char*>(node_->name); }

int XmlNode::line() const { return static_cast<int>(xmlGetLineNo(node_)); }

std::optional<std::string> XmlNode::attribute(std::string_view name) const {
  std::unique_ptr<xmlChar, XmlCharFree> value(xmlGetProp(node_, to_xml(std::string(name))));
  if (!value) return std::nullopt;
  return from_xml(value.get());
}

void XmlNode::set_attribute(std::string_view name, std::string_view value) {
  xmlSetProp(node_, to_xml(std::string(name)), to_xml(std::string(value)));
}

void XmlNode::remove_attribute(std::string_view name) {
  if (xmlAttrPtr attr = xmlHasProp(node_, to_xml(std::string(name)))) xmlRemoveProp(attr);
}

std::vector<XmlNode> XmlNode::children(std::string_view name) const {
  std::vector<XmlNode> out;
  for (xmlNodePtr c = node_->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (name.empty() || XmlNode(c).name() == name) out.emplace_back(c);
  }
  return out;
}

std::optional<XmlNode> XmlNode::first_child(std::string_view name) const {
  for (xmlNodePtr c = node_->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE && XmlNode(c).name() == name) return XmlNode(c);
  return std::nullopt;
}

std::optional<XmlNode> XmlNode::parent() const {
  if (node_->parent == nullptr || node_->parent->type != XML_ELEMENT_NODE) return std::nullopt;
  return XmlNode(node_->parent);
}

XmlNode XmlNode::append_child(std::string_view name) {
  return XmlNode(xmlNewChild(node_, nullptr, to_xml(std::string(name)), nullptr));
}

XmlNode XmlNode::append_copy(XmlNode other) {
  xmlNodePtr copy = xmlDocCopyNode(other.node_, node_->doc, 1);
  return XmlNode(xmlAddChild(node_, copy));
}

void XmlNode::remove() {
  xmlUnlinkNode(node_);
  xmlFreeNode(node_);
  node_ = nullptr;
}

std::string XmlNode::text() const {
  std::unique_ptr<xmlChar, XmlCharFree> content(xmlNodeGetContent(node_));
  return from_xml(content.get());
}

Result<XmlDocument> XmlDocument::parse(std::string_view text, std::string_view name) {
  std::unique_ptr<xmlParserCtxt, ParserContextFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Status::error(fmt::format("{}: cannot create an XML parser", name));
  std::string name_string(name);
  // libxml2 keeps only the last error, which after a mismatch is a vague "premature end"; the
  // first one says what is wrong. The handler's data is the context, which carries our record.
  struct FirstError {
    bool seen = false;
    int line = 0;
    std::string message;
  } first;
  ctxt->_private = &first;
  ctxt->sax->serror = [](void* data, xmlErrorPtr err) {
    auto* record = static_cast<FirstError*>(static_cast<xmlParserCtxtPtr>(data)->_private);
    if (record->seen || err == nullptr || err->level < XML_ERR_ERROR) return;
    record->seen = true;
    record->line = err->line;
    record->message = err->message ? err->message : "not well-formed XML";
  };
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()),
                                    name_string.c_str(), nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOBLANKS);
  if (doc == nullptr || !ctxt->wellFormed) {
    if (doc) xmlFreeDoc(doc);
    xmlErrorPtr last = xmlCtxtGetLastError(ctxt.get());
    if (!first.seen && last != nullptr && last->message != nullptr) {
      first.seen = true;
      first.line = last->line;
      first.message = last->message;
    }
    if (!first.seen) return Status::error(fmt::format("{}: not well-formed XML", name));
    std::string message = first.message;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Status::error(fmt::format("{}:{}: {}", name, first.line, message));
  }
  if (xmlDocGetRootElement(doc) == nullptr) {
    xmlFreeDoc(doc);
    return Status::error(fmt::format("{}: document has no root element", name));
  }
  return XmlDocument(doc);
}

XmlDocument XmlDocument::with_root(std::string_view root_name) {
  xmlDocPtr doc = xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0"));
  xmlNodePtr root = xmlNewDocNode(doc, nullptr, to_xml(std::string(root_name)), nullptr);
  xmlDocSetRootElement(doc, root);
  return XmlDocument(doc);
}

std::string XmlDocument::serialize(bool pretty) const {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc_.get(), &buffer, &size, "UTF-8", pretty ? 1 : 0);
  std::unique_ptr<xmlChar, XmlCharFree> owned(buffer);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size));
}

XmlDocument XmlDocument::copy() const { return XmlDocument(xmlCopyDoc(doc_.get(), 1)); }

Result<std::vector<XmlNode>> XmlDocument::select(std::string_view xpath) const {
  std::unique_ptr<xmlXPathContext, XPathContextFree> ctxt(xmlXPathNewContext(doc_.get()));
  if (!ctxt) return Status::error("cannot create an XPath context");
  // Errors come back as the result; libxml2 must not print them to stderr.
  ctxt->error = [](void*, xmlErrorPtr) {};
  std::string expr(xpath);
  std::unique_ptr<xmlXPathObject, XPathObjectFree> result(
      xmlXPathEvalExpression(to_xml(expr), ctxt.get()));
  if (!result) return Status::error(fmt::format("invalid XPath expression '{}'", expr));
  std::vector<XmlNode> nodes;
  if (result->type == XPATH_NODESET && result->nodesetval != nullptr) {
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      xmlNodePtr n = result->nodesetval->nodeTab[i];
      if (n->type == XML_ELEMENT_NODE) nodes.emplace_back(n);
    }
  }
  return nodes;
}

}  // namespace pacer
