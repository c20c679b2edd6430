// A stand-in for a daemon heartbeatd supervises (cib, lrmd, crmd...), for testing the failure
// table before the real daemons exist. It waits; SIGTERM ends it with exit 0 (an orderly stop);
// SIGUSR1 ends it with the exit code written in /run/standin-exit-code (default 1).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

int main() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  int sig = 0;
  sigwait(&set, &sig);
  if (sig == SIGTERM) return 0;
  int code = 1;
  if (FILE* f = std::fopen("/run/standin-exit-code", "r")) {
    if (std::fscanf(f, "%d", &code) != 1) code = 1;
    std::fclose(f);
  }
  return code;
}
