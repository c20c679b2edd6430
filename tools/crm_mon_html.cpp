// The HTML page: a summary table and node list for a glance, then the 1.0 text screen itself in
// <pre>, so that what an operator reads in the browser is what crm_mon prints.
#include "tools/crm_mon_html.h"

#include <sstream>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string format_monitor_html(const ClusterView& view, const MonitorDisplay& display,
                                int refresh_seconds) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n";
  out << fmt::format("<meta http-equiv=\"refresh\" content=\"{}\">\n", refresh_seconds);
  out << "<title>Cluster status</title>\n</head>\n<body>\n<h1>Cluster status</h1>\n";
  out << "<table>\n";
  out << "<tr><th align=\"left\">Last updated</th><td>" << escape(display.last_updated) << "</td></tr>\n";
  if (view.stack) out << "<tr><th align=\"left\">Stack</th><td>" << escape(*view.stack) << "</td></tr>\n";
  out << "<tr><th align=\"left\">Current DC</th><td>"
      << escape(view.dc_uname ? fmt::format("{} - partition {} quorum", *view.dc_uname,
                                            view.have_quorum ? "with" : "WITHOUT")
                              : "NONE")
      << "</td></tr>\n";
  out << "<tr><th align=\"left\">Nodes configured</th><td>" << view.nodes.size() << "</td></tr>\n";
  out << "<tr><th align=\"left\">Resources configured</th><td>" << view.configured_count()
      << "</td></tr>\n</table>\n";
  out << "<h2>Nodes</h2>\n<ul>\n";
  for (const NodeView& n : view.nodes) {
    std::string state = n.unclean ? "UNCLEAN" : n.standby ? "standby" : n.online ? "online" : "OFFLINE";
    out << "<li>" << escape(n.uname) << ": " << state << "</li>\n";
  }
  out << "</ul>\n<h2>Details</h2>\n<pre>\n" << escape(format_monitor_text(view, display))
      << "</pre>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace pacer::tools
