// CibPersistence: cibd's on-disk CIB, through the FileSystem seam.
//
//   DIR/cib.xml       the configuration (status is never written: it is rebuilt from live nodes)
//   DIR/cib.xml.sig   cib_digest() of cib.xml
//   DIR/cib-N.raw     the previous primaries, newest N highest, at most max_backups kept
//   DIR/cib-N.raw.sig their digests
//
// save(): the last acknowledged configuration is copied to the next backup, then cib.xml.sig and
// cib.xml are replaced, each write atomic (temp, fsync, rename, fsync dir). A crash between the
// two leaves a primary whose digest does not match: load() then takes the newest backup, which is
// the last configuration that was acknowledged.
//
// load(): a primary whose digest does not match or that does not parse or validate is logged as
// Pacemaker 1.0 logged it, kept aside as cib.xml.corrupt.N, and the newest valid backup is
// loaded; when none is valid the CIB starts empty (cibd is failfast: refusing to start would
// reboot-loop the node; the peer's copy arrives at join).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cibd/cib_store.h"
#include "common/file_system.h"
#include "common/log.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

using CibLog = std::function<void(LogLevel level, std::string_view message)>;

struct CibPersistenceOptions {
  std::string directory = "/var/lib/pacer/cib";
  int max_backups = 10;
};

// The document as it is written to disk: the <cib> element with its attributes, the
// configuration, and an empty <status/>; no XML declaration, two-space indentation.
std::string persisted_text(const XmlDocument& doc);

class CibPersistence final : public CibSink {
 public:
  CibPersistence(FileSystem& fs, CibPersistenceOptions options, CibLog log);

  struct Loaded {
    XmlDocument document;
    std::string source;  // "cib.xml", "cib-7.raw" or "empty"
  };
  // Fails only when the directory cannot be made or read.
  Result<Loaded> load();

  Status save(const XmlDocument& doc, bool configuration_changed) override;

  std::string primary_path() const { return options_.directory + "/cib.xml"; }

 private:
  // The document in `name` if its digest (when it has one) matches and it parses and validates;
  // nullopt with the reason logged otherwise.
  std::optional<XmlDocument> read_checked(const std::string& name, bool primary);
  void keep_aside(const std::string& name);
  Result<std::vector<int>> backup_numbers();

  FileSystem& fs_;
  CibPersistenceOptions options_;
  CibLog log_;
  // The last acknowledged configuration as written: what the next save backs up. Not re-read
  // from disk, where a failed save may have left a newer, unacknowledged cib.xml.
  std::optional<std::string> primary_text_;
};

}  // namespace pacer::cib
