#include "common/xml.h"

#include <catch2/catch.hpp>

using namespace pacer;

TEST_CASE("parse, read and change an XML document") {
  auto doc = XmlDocument::parse(
      "<cib epoch=\"3\"><configuration><nodes><node id=\"a\" uname=\"pm1\"/>"
      "<node id=\"b\" uname=\"pm2\"/></nodes></configuration></cib>",
      "cib.xml");
  REQUIRE(doc);
  CHECK(doc->root().name() == "cib");
  CHECK(doc->root().attribute("epoch") == "3");
  CHECK_FALSE(doc->root().attribute("missing"));
  auto nodes = doc->select("//node");
  REQUIRE(nodes);
  REQUIRE(nodes->size() == 2);
  CHECK((*nodes)[1].attribute("uname") == "pm2");
  (*nodes)[0].set_attribute("type", "normal");
  (*nodes)[1].remove();
  doc->root().set_attribute("epoch", "4");
  CHECK(doc->serialize() ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cib epoch=\"4\"><configuration><nodes>"
        "<node id=\"a\" uname=\"pm1\" type=\"normal\"/></nodes></configuration></cib>\n");
}

TEST_CASE("a parse error names the document and the line") {
  auto doc = XmlDocument::parse("<cib>\n<configuration>\n</cib>", "cib.xml");
  REQUIRE_FALSE(doc);
  CHECK(doc.error_message().rfind("cib.xml:3: ", 0) == 0);
  CHECK(doc.error_message().find("mismatch") != std::string::npos);
}

TEST_CASE("empty input and invalid XPath are errors, not crashes") {
  CHECK_FALSE(XmlDocument::parse("", "empty.xml"));
  auto doc = XmlDocument::parse("<a/>", "a.xml");
  REQUIRE(doc);
  auto bad = doc->select("//[");
  REQUIRE_FALSE(bad);
  CHECK(bad.error_message() == "invalid XPath expression '//['");
}

TEST_CASE("building a document and copying subtrees between documents") {
  XmlDocument doc = XmlDocument::with_root("status");
  XmlNode state = doc.root().append_child("node_state");
  state.set_attribute("uname", "pm1");
  XmlDocument other = XmlDocument::with_root("cib");
  other.root().append_copy(doc.root());
  CHECK(other.serialize() ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cib><status><node_state uname=\"pm1\"/></status></cib>\n");
  CHECK(doc.root().first_child("node_state")->parent()->name() == "status");
}
