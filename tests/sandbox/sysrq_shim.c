/* sysrq shim: a stand-in for /proc/sysrq-trigger inside sandbox nodes (LD_PRELOAD / ld.so.preload).
 *
 * The kernel here has no magic sysrq, and where it has one a 'b' would reboot the whole VM. This
 * shim turns opens of /proc/sysrq-trigger into the write end of a pipe whose reader (a detached
 * grandchild, so it sees every byte however the caller writes: write(2), stdio, a shell's echo)
 * calls reboot(RB_AUTOBOOT) on 'b'/'c' and reboot(RB_POWER_OFF) on 'o'. reboot(2) inside a child
 * PID namespace only kills that namespace's init, which the harness sees as a reset / power-off.
 * In the initial PID namespace it would reboot the host, so there the open yields /dev/null and the
 * reader is never started: pcr_sysrq_shim_allowed() is the guard, tested on its own. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYSRQ_PATH "/proc/sysrq-trigger"
#define INITIAL_PID_NS_INODE 0xEFFFFFFCUL /* PROC_PID_INIT_INO */

/* 1 when the caller is in a PID namespace other than the host's, so reboot(2) is node-local. */
__attribute__((visibility("default"))) int pcr_sysrq_shim_allowed(void) {
  struct stat st;
  if (stat("/proc/self/ns/pid", &st) != 0) return 0;
  return st.st_ino != INITIAL_PID_NS_INODE;
}

static void reader(int fd) {
  char buf[64];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(0);
    for (ssize_t i = 0; i < n; ++i) {
      int cmd = 0;
      if (buf[i] == 'b' || buf[i] == 'c') cmd = RB_AUTOBOOT;
      else if (buf[i] == 'o') cmd = RB_POWER_OFF;
      if (cmd && pcr_sysrq_shim_allowed()) {
        sync();
        reboot(cmd);
      }
    }
  }
}

static int sysrq_open(int flags) {
  if (!pcr_sysrq_shim_allowed()) return open("/dev/null", O_WRONLY | (flags & O_CLOEXEC));
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return -1;
  pid_t mid = fork();
  if (mid < 0) {
    close(p[0]);
    close(p[1]);
    return -1;
  }
  if (mid == 0) {
    if (fork() == 0) {
      /* Keep only the pipe: an inherited fd (a captured stdout) must not be held open by us. */
      if (dup2(p[0], 3) < 0) _exit(1);
      syscall(SYS_close_range, 4, ~0U, 0);
      close(0);
      close(1);
      close(2);
      setsid();
      reader(3);
    }
    _exit(0);
  }
  int status;
  while (waitpid(mid, &status, 0) < 0 && errno == EINTR) {
  }
  close(p[0]);
  if (!(flags & O_CLOEXEC)) fcntl(p[1], F_SETFD, 0);
  return p[1];
}

static int is_sysrq(const char* path) { return path && strcmp(path, SYSRQ_PATH) == 0; }

typedef int (*open_fn)(const char*, int, ...);
typedef int (*openat_fn)(int, const char*, int, ...);
typedef FILE* (*fopen_fn)(const char*, const char*);

#define MODE_ARG(flags) \
  mode_t mode = 0; \
  if ((flags) & (O_CREAT | O_TMPFILE)) { \
    va_list ap; \
    va_start(ap, flags); \
    mode = va_arg(ap, mode_t); \
    va_end(ap); \
  }

#define WRAP_OPEN(name) \
  __attribute__((visibility("default"))) int name(const char* path, int flags, ...) { \
    MODE_ARG(flags) \
    if (is_sysrq(path)) return sysrq_open(flags); \
    static open_fn real; \
    if (!real) real = (open_fn)dlsym(RTLD_NEXT, #name); \
    return real(path, flags, mode); \
  }

#define WRAP_OPENAT(name) \
  __attribute__((visibility("default"))) int name(int dirfd, const char* path, int flags, ...) { \
    MODE_ARG(flags) \
    if (is_sysrq(path)) return sysrq_open(flags); \
    static openat_fn real; \
    if (!real) real = (openat_fn)dlsym(RTLD_NEXT, #name); \
    return real(dirfd, path, flags, mode); \
  }

#define WRAP_FOPEN(name) \
  __attribute__((visibility("default"))) FILE* name(const char* path, const char* how) { \
    if (is_sysrq(path)) { \
      int fd = sysrq_open(0); \
      return fd < 0 ? NULL : fdopen(fd, "w"); \
    } \
    static fopen_fn real; \
    if (!real) real = (fopen_fn)dlsym(RTLD_NEXT, #name); \
    return real(path, how); \
  }

WRAP_OPEN(open)
WRAP_OPEN(open64)
WRAP_OPENAT(openat)
WRAP_OPENAT(openat64)
WRAP_FOPEN(fopen)
WRAP_FOPEN(fopen64)

/* Fortified callers (-D_FORTIFY_SOURCE) reach these instead of open/openat. */
__attribute__((visibility("default"))) int __open_2(const char* path, int flags) { return open(path, flags); }
__attribute__((visibility("default"))) int __open64_2(const char* path, int flags) { return open(path, flags); }
__attribute__((visibility("default"))) int __openat_2(int dirfd, const char* path, int flags) {
  return openat(dirfd, path, flags);
}
__attribute__((visibility("default"))) int __openat64_2(int dirfd, const char* path, int flags) {
  return openat(dirfd, path, flags);
}
