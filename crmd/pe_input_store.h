// The series of policy-engine inputs the DC's pengine saves, so that every decision can be
// replayed with crm_simulate -x: <dir>/pe-input-<N>.bz2, N continuing after the highest file
// already there (a restarted pengine does not overwrite the history), written atomically.
#pragma once

#include <string>

#include "common/file_system.h"
#include "common/result.h"

namespace pacer::crmd {

// bzip2 of `data` (the format 1.0's pengine wrote; bunzip2 and crm_simulate read it).
Result<std::string> bzip2_compress(std::string_view data);

class PeInputStore {
 public:
  PeInputStore(FileSystem& fs, std::string dir);
  // Saves one input; returns its path.
  Result<std::string> save(std::string_view cib_xml);
  int next_index() const { return next_; }

 private:
  FileSystem& fs_;
  std::string dir_;
  int next_ = 0;
};

}  // namespace pacer::crmd
