// Loop-device disks of the sandbox and their failure injection.
#include "tests/sandbox/disk.h"

#include <fcntl.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "common/unique_fd.h"
#include "tests/sandbox/command.h"

namespace pacer::sandbox {

// Far beyond any image: the loop device's computed size becomes 0.
static constexpr uint64_t kFailOffset = 1ULL << 46;

Result<std::unique_ptr<Disk>> Disk::create(ProcessRunner& runner, std::filesystem::path image,
                                           uint64_t size_bytes, std::vector<DiskArea> areas) {
  std::unique_ptr<Disk> disk(new Disk(runner, image));
  {
    UniqueFd fd(open(image.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd) return Status::from_errno("creating " + image.string());
    if (ftruncate(fd.get(), static_cast<off_t>(size_bytes)) != 0)
      return Status::from_errno("sizing " + image.string());
  }
  for (DiskArea& area : areas) {
    std::vector<std::string> argv = {"losetup", "--find", "--show", "--offset", std::to_string(area.offset)};
    if (area.size) argv.insert(argv.end(), {"--sizelimit", std::to_string(area.size)});
    argv.push_back(image.string());
    auto dev = run_checked(runner, argv);
    if (!dev) return dev.status().with_context("attaching " + area.alias);
    area.device = *dev;
    while (!area.device.empty() && area.device.back() == '\n') area.device.pop_back();
    disk->areas_.push_back(area);  // recorded at once so the destructor detaches it on failure
    if (area.make_ext4) {
      auto mk = run_checked(runner, {"mkfs.ext4", "-q", "-F", "-L", area.alias, "-E",
                                     "lazy_itable_init=1,lazy_journal_init=1", area.device});
      if (!mk) return mk.status().with_context("making the filesystem on " + area.alias);
    }
  }
  return disk;
}

Disk::~Disk() {
  for (const DiskArea& area : areas_) (void)run_checked(runner_, {"losetup", "-d", area.device});
  std::error_code ec;
  std::filesystem::remove(image_, ec);
}

DiskArea* Disk::find(const std::string& alias) {
  for (DiskArea& a : areas_)
    if (a.alias == alias || a.device == alias) return &a;
  return nullptr;
}

Status Disk::set_offset(const DiskArea& area, uint64_t offset) {
  UniqueFd fd(open(area.device.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return Status::from_errno("opening " + area.device);
  loop_info64 info{};
  if (ioctl(fd.get(), LOOP_GET_STATUS64, &info) != 0) return Status::from_errno("LOOP_GET_STATUS64 " + area.device);
  info.lo_offset = offset;
  if (ioctl(fd.get(), LOOP_SET_STATUS64, &info) != 0) return Status::from_errno("LOOP_SET_STATUS64 " + area.device);
  return Status::ok();
}

Status Disk::fail(const std::string& alias) {
  DiskArea* area = find(alias);
  if (!area) return Status::error("no disk area " + alias);
  if (Status st = set_offset(*area, kFailOffset); !st) return st;
  area->failed = true;
  return Status::ok();
}

Status Disk::restore(const std::string& alias) {
  DiskArea* area = find(alias);
  if (!area) return Status::error("no disk area " + alias);
  if (Status st = set_offset(*area, area->offset); !st) return st;
  area->failed = false;
  return Status::ok();
}

}  // namespace pacer::sandbox
