// The crm shell's commands (the subset a Pacemaker 1.0 administrator types every day), run
// against a CIB client: cibd, or a file with CIB_file=PATH and no daemon. Everything the shell
// touches outside the CIB (output, the editor, files, the local node's name) comes in through
// CrmEnvironment, so tests run it whole.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "cibd/cib_client.h"
#include "common/result.h"

namespace pacer::tools {

struct CrmEnvironment {
  cib::CibClient& cib;
  std::ostream& out;
  std::ostream& err;
  std::string local_node;                                        // for `node standby` alone
  std::function<Status(const std::string& path)> run_editor;    // `configure edit`
  std::function<Result<std::string>(const std::string& path)> read_file;
  std::function<Status(const std::string& path, const std::string& text)> write_file;
  std::string temp_dir = "/tmp";
  // `resource cleanup`: deletes a node's attribute through attrd too (attrd::delete_attribute),
  // so the node's attrd does not write a cleaned-up fail-count again (unset: the CIB only).
  std::function<Status(const std::string& name, const std::string& node)> delete_attribute;
};

// Runs one command (the words after "crm"); returns the exit code (0 ok, 1 failed, 64 usage).
int run_crm_command(const std::vector<std::string>& args, CrmEnvironment& env);

std::string crm_usage();
// A CIB with empty sections, for CIB_file naming a file that does not exist yet.
std::string crm_empty_cib();

// The commands, one file each (crm_configure.cpp, crm_resource.cpp, crm_node.cpp).
int crm_configure(const std::vector<std::string>& args, CrmEnvironment& env);
int crm_resource(const std::vector<std::string>& args, CrmEnvironment& env);
int crm_node(const std::vector<std::string>& args, CrmEnvironment& env);

// Shared by the command files: the whole CIB, and writing one top-level section back.
Result<XmlDocument> crm_fetch_cib(CrmEnvironment& env);
Status crm_write_section(CrmEnvironment& env, XmlNode section);

// Targeted writes, for the parts of the CIB the daemons write too (status, nodes): a replace of
// the whole section from a copy read moments earlier would undo what crmd or attrd wrote in
// between. `element` sits in a fetched CIB document.
//   crm_set_element: one modify (with create) of its section carrying `element` with all its
//     attributes under its ancestors, which carry only their ids (nothing else of theirs is
//     touched).
//   crm_remove_element: one delete of exactly that element, by an XPath of ids.
Status crm_set_element(CrmEnvironment& env, XmlNode element);
Status crm_remove_element(CrmEnvironment& env, XmlNode element);
// The XPath crm_remove_element uses: /cib/status/node_state[@id='u']/lrm/... (an element
// without an id is named by its position among its siblings of that name, when it has any).
std::string crm_xpath_of(XmlNode element);

}  // namespace pacer::tools
