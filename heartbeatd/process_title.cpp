#include "heartbeatd/process_title.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

extern char** environ;

namespace pacer::heartbeat {

ProcessTitle::ProcessTitle(int argc, char** argv) {
  if (argc <= 0 || argv == nullptr || argv[0] == nullptr) return;
  begin_ = argv[0];
  end_ = argv[argc - 1] + std::strlen(argv[argc - 1]) + 1;
  // Claim the environment strings if they follow argv contiguously; keep copies for getenv().
  size_t count = 0;
  while (environ[count] != nullptr) ++count;
  for (size_t i = 0; i < count; ++i)
    if (environ[i] == end_) end_ = environ[i] + std::strlen(environ[i]) + 1;
  // The copies live as long as the process: environ must stay valid for getenv() and exec.
  char** copy = static_cast<char**>(std::calloc(count + 1, sizeof(char*)));
  if (copy == nullptr) {
    end_ = argv[argc - 1] + std::strlen(argv[argc - 1]) + 1;
    return;
  }
  for (size_t i = 0; i < count; ++i) copy[i] = ::strdup(environ[i]);
  environ = copy;
  for (int i = 1; i < argc; ++i) argv[i] = nullptr;
}

void ProcessTitle::set(std::string_view title) {
  if (begin_ != nullptr) {
    size_t room = static_cast<size_t>(end_ - begin_);
    size_t n = std::min(title.size(), room - 1);
    std::memcpy(begin_, title.data(), n);
    std::memset(begin_ + n, 0, room - n);
  }
}

}  // namespace pacer::heartbeat
