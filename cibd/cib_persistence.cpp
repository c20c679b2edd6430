// cib.xml + cib.xml.sig + cib-N.raw: saving with backups, loading with fallback.
#include "cibd/cib_persistence.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "cibd/cib_digest.h"
#include "cibd/cib_document.h"
#include "cibd/cib_validator.h"
#include "cibd/cib_xml_input.h"

namespace pacer::cib {
namespace {

std::optional<int> backup_number(std::string_view name) {
  constexpr std::string_view prefix = "cib-", suffix = ".raw";
  if (name.size() <= prefix.size() + suffix.size() || name.substr(0, prefix.size()) != prefix ||
      name.substr(name.size() - suffix.size()) != suffix)
    return std::nullopt;
  std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  int n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || n < 0) return std::nullopt;
  return n;
}

}  // namespace

std::string persisted_text(const XmlDocument& doc) {
  XmlDocument out = XmlDocument::with_root("cib");
  XmlNode source = doc.root();
  for (xmlAttrPtr a = source.get()->properties; a != nullptr; a = a->next) {
    std::string name(reinterpret_cast<const char*>(a->name));
    out.root().set_attribute(name, source.attribute(name).value_or(""));
  }
  if (auto configuration = source.first_child("configuration"))
    out.root().append_copy(*configuration);
  out.root().append_child("status");
  return serialize_element(out.root());
}

CibPersistence::CibPersistence(FileSystem& fs, CibPersistenceOptions options, CibLog log)
    : fs_(fs), options_(std::move(options)), log_(std::move(log)) {}

Result<std::vector<int>> CibPersistence::backup_numbers() {
  auto names = fs_.list_directory(options_.directory);
  if (!names) return names.status();
  std::vector<int> numbers;
  for (const auto& name : *names)
    if (auto n = backup_number(name)) numbers.push_back(*n);
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

std::optional<XmlDocument> CibPersistence::read_checked(const std::string& name, bool primary) {
  std::string path = options_.directory + "/" + name;
  auto text = fs_.read_file(path);
  if (!text) {
    log_(LogLevel::error, fmt::format("Could not read {}: {}", path, text.error_message()));
    return std::nullopt;
  }
  std::string sig_path = path + ".sig";
  if (fs_.exists(sig_path)) {
    auto expected = fs_.read_file(sig_path);
    std::string calculated = cib_digest(*text);
    std::string wanted = expected ? *expected : "";
    while (!wanted.empty() && (wanted.back() == '\n' || wanted.back() == ' ')) wanted.pop_back();
    if (wanted != calculated) {
      // The wording of Pacemaker 1.0's io.c, which operators and log analysers know.
      log_(LogLevel::error, fmt::format("Digest comparision failed: expected {} ({}), calculated {}",
                                        wanted, sig_path, calculated));
      log_(LogLevel::error,
           fmt::format("Checksum of {} failed!  Configuration contents ignored!", path));
      log_(LogLevel::error,
           "Usually this is caused by manual changes, please refer to "
           "http://clusterlabs.org/wiki/FAQ#cib_changes_detected");
      return std::nullopt;
    }
  } else if (primary) {
    log_(LogLevel::warn, fmt::format("No on-disk digest present for {}", path));
  }
  auto doc = parse_cib_xml(*text, path);
  if (!doc) {
    log_(LogLevel::error, fmt::format("Parsing of {} failed: {}", path, doc.error_message()));
    return std::nullopt;
  }
  if (Status valid = check_cib(*doc); !valid) {
    log_(LogLevel::error, fmt::format("CIB in {} does not validate with {}: {}", path,
                                      kValidateWith, valid.message()));
    return std::nullopt;
  }
  return std::move(*doc);
}

void CibPersistence::keep_aside(const std::string& name) {
  std::string path = options_.directory + "/" + name;
  for (int n = 0;; ++n) {
    std::string aside = fmt::format("{}.corrupt.{}", path, n);
    if (fs_.exists(aside)) continue;
    if (Status s = fs_.rename(path, aside); !s) {
      log_(LogLevel::error, fmt::format("Could not keep {} aside: {}", path, s.message()));
      return;
    }
    if (fs_.exists(path + ".sig")) (void)fs_.rename(path + ".sig", aside + ".sig");
    log_(LogLevel::warn, fmt::format("Kept the unusable {} as {}", path, aside));
    return;
  }
}

Result<CibPersistence::Loaded> CibPersistence::load() {
  if (Status s = fs_.make_directories(options_.directory, 0750); !s) return s;
  // Temp files of writes a crash interrupted ("cib.xml.tmp.1234"): never data, only litter.
  if (auto names = fs_.list_directory(options_.directory)) {
    for (const auto& name : *names)
      if (name.rfind("cib", 0) == 0 && name.find(".tmp") != std::string::npos)
        (void)fs_.remove(options_.directory + "/" + name);
  }
  primary_text_.reset();
  std::optional<XmlDocument> doc;
  std::string source;
  if (fs_.exists(primary_path())) {
    doc = read_checked("cib.xml", true);
    if (doc) {
      source = "cib.xml";
      auto text = fs_.read_file(primary_path());
      if (text) primary_text_ = std::move(*text);
    } else {
      keep_aside("cib.xml");
    }
  }
  if (!doc) {
    auto numbers = backup_numbers();
    if (!numbers) return numbers.status();
    if (!numbers->empty() || fs_.exists(primary_path() + ".corrupt.0"))
      log_(LogLevel::warn, "Primary configuration corrupt or unusable, trying backup...");
    for (auto it = numbers->rbegin(); it != numbers->rend() && !doc; ++it) {
      std::string name = fmt::format("cib-{}.raw", *it);
      doc = read_checked(name, false);
      if (doc) {
        source = name;
        auto text = fs_.read_file(options_.directory + "/" + name);
        if (text) primary_text_ = std::move(*text);
        log_(LogLevel::info, fmt::format("Loaded the configuration from backup {}", name));
      }
    }
  }
  if (!doc) {
    if (!source.empty() || fs_.exists(primary_path() + ".corrupt.0"))
      log_(LogLevel::warn, "Continuing with an empty configuration.");
    doc = make_empty_cib();
    source = "empty";
  }
  // Status is never trusted from disk: the live nodes report it again.
  if (auto status = doc->root().first_child("status")) status->remove();
  doc->root().append_child("status");
  return Loaded{std::move(*doc), source};
}

Status CibPersistence::save(const XmlDocument& doc, bool configuration_changed) {
  if (!configuration_changed) return Status::ok();
  std::string text = persisted_text(doc);
  auto numbers = backup_numbers();
  if (!numbers) return numbers.status();
  if (primary_text_) {
    int next = numbers->empty() ? 1 : numbers->back() + 1;
    std::string backup = fmt::format("{}/cib-{}.raw", options_.directory, next);
    if (Status s = fs_.write_file_atomic(backup, *primary_text_, 0600); !s) return s;
    if (Status s = fs_.write_file_atomic(backup + ".sig", cib_digest(*primary_text_), 0600); !s)
      return s;
    numbers->push_back(next);
  }
  // The digest goes first: a crash between the two writes leaves cib.xml and its digest
  // disagreeing, and load() falls back to the backup just made (the last acknowledged
  // configuration). Written the other way round, the very first save could leave a new cib.xml
  // without any digest, which load() would have to accept.
  if (Status s = fs_.write_file_atomic(primary_path() + ".sig", cib_digest(text), 0600); !s) return s;
  if (Status s = fs_.write_file_atomic(primary_path(), text, 0600); !s) return s;
  primary_text_ = std::move(text);
  while (static_cast<int>(numbers->size()) > options_.max_backups) {
    std::string old = fmt::format("{}/cib-{}.raw", options_.directory, numbers->front());
    (void)fs_.remove(old);
    (void)fs_.remove(old + ".sig");
    numbers->erase(numbers->begin());
  }
  return Status::ok();
}

}  // namespace pacer::cib
