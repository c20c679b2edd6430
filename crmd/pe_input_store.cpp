// Saving pe-input-N.bz2; see pe_input_store.h.
#include "crmd/pe_input_store.h"

#include <bzlib.h>

#include <charconv>

#include <fmt/format.h>

namespace pacer::crmd {

Result<std::string> bzip2_compress(std::string_view data) {
  // bzip2's documented worst case: 1% larger plus 600 bytes.
  unsigned int size = static_cast<unsigned int>(data.size() + data.size() / 100 + 600);
  std::string out(size, '\0');
  int rc = BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(data.data()),
                                    static_cast<unsigned int>(data.size()), 9, 0, 0);
  if (rc != BZ_OK) return Status::error(fmt::format("bzip2 failed ({})", rc));
  out.resize(size);
  return out;
}

PeInputStore::PeInputStore(FileSystem& fs, std::string dir) : fs_(fs), dir_(std::move(dir)) {
  auto names = fs_.list_directory(dir_);
  if (!names) return;
  for (const std::string& name : *names) {
    constexpr std::string_view prefix = "pe-input-";
    if (!name.starts_with(prefix) || !name.ends_with(".bz2")) continue;
    std::string_view number(name.data() + prefix.size(), name.size() - prefix.size() - 4);
    int n = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec == std::errc() && end == number.data() + number.size() && n + 1 > next_) next_ = n + 1;
  }
}

Result<std::string> PeInputStore::save(std::string_view cib_xml) {
  auto compressed = bzip2_compress(cib_xml);
  if (!compressed) return compressed.status();
  std::string path = fmt::format("{}/pe-input-{}.bz2", dir_, next_);
  if (Status s = fs_.write_file_atomic(path, *compressed, 0640); !s) return s;
  ++next_;
  return path;
}

}  // namespace pacer::crmd
