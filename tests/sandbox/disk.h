// Disk: a sparse image file exposed as one loop device per area.
//
// The kernel here shows no partitions of loop devices (and has no device-mapper), so the shared
// disk's sfex lock area and its data filesystem are two loop devices over different byte ranges
// of one image; each node's internal disk is an image of its own. /dev is shared with the host,
// so only losetup creates device nodes; nodes get their own nodes in their private /dev.
//
// fail(): sets the loop device's offset beyond the end of its image (LOOP_SET_STATUS64), so its
// size drops to 0 while it stays attached and open: every read and write fails with EIO (ext4
// aborts its journal, sfex cannot read its lock). restore() puts the offset back; the data is
// intact, since the image itself was never touched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/process_runner.h"
#include "common/result.h"

namespace pacer::sandbox {

struct DiskArea {
  std::string alias;      // name in a node's /dev, e.g. "sfex" -> /dev/sfex -> loopN
  uint64_t offset = 0;    // bytes into the image
  uint64_t size = 0;      // bytes; 0 = to the end of the image
  bool make_ext4 = false;
  std::string device;     // /dev/loopN once attached
  bool failed = false;
};

class Disk {
 public:
  // Creates the sparse image and attaches one loop device per area (mkfs where asked).
  static Result<std::unique_ptr<Disk>> create(ProcessRunner& runner, std::filesystem::path image,
                                              uint64_t size_bytes, std::vector<DiskArea> areas);
  ~Disk();  // detaches the loop devices and removes the image
  Disk(const Disk&) = delete;
  Disk& operator=(const Disk&) = delete;

  const std::vector<DiskArea>& areas() const { return areas_; }
  const std::filesystem::path& image() const { return image_; }
  Status fail(const std::string& alias);
  Status restore(const std::string& alias);

 private:
  Disk(ProcessRunner& runner, std::filesystem::path image) : runner_(runner), image_(std::move(image)) {}
  DiskArea* find(const std::string& alias);
  Status set_offset(const DiskArea& area, uint64_t offset);

  ProcessRunner& runner_;
  std::filesystem::path image_;
  std::vector<DiskArea> areas_;
};

}  // namespace pacer::sandbox
