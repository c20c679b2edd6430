// sandbox-node-init: PID 1 of a sandbox node (or the client).
//
// Started by the harness in fresh net/mount/PID/UTS/IPC namespaces. It makes the node look like a
// host of its own: hostname, private /etc and /var (overlays whose upper dirs persist across a
// reset), private /var/log and /var/lib/pacer, fresh /proc /sys /run /tmp, a private /dev (tmpfs
// with only the device nodes a node needs: the host's devtmpfs is shared and must not be written),
// a FIFO at /dev/watchdog that the harness reads, /etc/ld.so.preload naming the sysrq shim, pacer's
// staged install overlaid on /usr, and rsyslogd on the node's own /dev/log. Then it reaps orphans
// and records every child death in /run/sandbox-init.log so tests can see daemons die.
// It ignores TERM/INT/HUP: only SIGKILL from the harness (power off) or reboot(2) inside the node ends it.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Options {
  std::string hostname;
  std::string state;     // per-node directory on the host that survives a reset
  std::string stage;     // optional: DESTDIR of pacer's install; STAGE/usr is overlaid on /usr
  std::string shim;      // optional: path of the sysrq LD_PRELOAD shim
  std::vector<std::string> keep;  // host dirs under /tmp that stay visible over the fresh /tmp
  std::string facility = "local1";
  bool syslog = true;
  std::vector<std::pair<std::string, std::string>> devices;  // alias -> host device path
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "sandbox-node-init: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

void must(int rc, const std::string& what) {
  if (rc != 0) die(what);
}

void make_dir(const std::string& path, mode_t mode = 0755) {
  if (mkdir(path.c_str(), mode) != 0 && errno != EEXIST) die("mkdir " + path);
}

void write_file(const std::string& path, const std::string& text, mode_t mode = 0644) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) die("open " + path);
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) die("write " + path);
  close(fd);
}

void mount_fs(const char* type, const std::string& target, const std::string& data,
              unsigned long flags = MS_NOSUID) {
  must(mount(type, target.c_str(), type, flags, data.empty() ? nullptr : data.c_str()),
       std::string("mount ") + type + " on " + target);
}

void bind(const std::string& from, const std::string& to) {
  must(mount(from.c_str(), to.c_str(), nullptr, MS_BIND, nullptr), "bind " + from + " on " + to);
}

// A persistent overlay: the host's directory below, the node's changes in STATE/<name>-upper.
void overlay(const std::string& target, const std::string& state, const std::string& name) {
  std::string upper = state + "/" + name + "-upper", work = state + "/" + name + "-work";
  make_dir(upper);
  make_dir(work);
  mount_fs("overlay", target, "lowerdir=" + target + ",upperdir=" + upper + ",workdir=" + work, 0);
}

// The copy of the host's mount table includes nsfs mounts (/run/netns/*): they would keep other
// sandboxes' network namespaces alive for as long as this node lives, so they are dropped here.
void detach_nsfs_mounts() {
  FILE* f = std::fopen("/proc/self/mountinfo", "re");
  if (!f) return;
  std::vector<std::string> targets;
  char line[4096];
  while (std::fgets(line, sizeof line, f)) {
    if (!std::strstr(line, " - nsfs ")) continue;
    char target[4096];
    if (std::sscanf(line, "%*s %*s %*s %*s %4095s", target) == 1) targets.emplace_back(target);
  }
  std::fclose(f);
  for (const auto& t : targets) umount2(t.c_str(), MNT_DETACH);
}

void setup_filesystems(const Options& o) {
  // Nothing the node mounts may propagate back to the host.
  must(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), "make / private");
  detach_nsfs_mounts();
  overlay("/etc", o.state, "etc");
  overlay("/var", o.state, "var");
  make_dir(o.state + "/log");
  make_dir(o.state + "/lib-pacer");
  bind(o.state + "/log", "/var/log");
  make_dir("/var/lib/pacer");
  bind(o.state + "/lib-pacer", "/var/lib/pacer");
  make_dir("/etc/ha.d");
  if (!o.stage.empty()) {
    // Read-only union: pacer's staged files win over the host's /usr.
    mount_fs("overlay", "/usr", "lowerdir=" + o.stage + "/usr:/usr", 0);
  }
  mount_fs("proc", "/proc", "", MS_NOSUID | MS_NODEV | MS_NOEXEC);
  // Without a fresh sysfs, /sys/class/net shows the host's NICs.
  mount_fs("sysfs", "/sys", "", MS_NOSUID | MS_NODEV | MS_NOEXEC);
  mount_fs("tmpfs", "/run", "mode=755,size=64m", MS_NOSUID | MS_NODEV);
  // Keep what the harness runs in the node (its build tree may lie under /tmp): hold each directory
  // by an O_PATH fd, cover /tmp, then bind the held directory back at its path.
  std::vector<std::pair<std::string, int>> held;
  for (const auto& dir : o.keep) {
    if (dir.rfind("/tmp/", 0) != 0) continue;
    int fd = open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) held.emplace_back(dir, fd);
  }
  mount_fs("tmpfs", "/tmp", "mode=1777,size=256m", MS_NOSUID | MS_NODEV);
  for (const auto& [dir, fd] : held) {
    std::string partial;
    for (size_t pos = 1; pos != std::string::npos;) {
      pos = dir.find('/', pos + 1);
      partial = dir.substr(0, pos);
      mkdir(partial.c_str(), 0755);
    }
    bind("/proc/self/fd/" + std::to_string(fd), dir);
    close(fd);
  }
}

struct DevNode {
  std::string name;
  mode_t type;
  dev_t rdev;
};

void setup_dev(const Options& o) {
  // Record the loop devices' numbers before the host's /dev is covered.
  std::vector<DevNode> nodes = {{"null", S_IFCHR, makedev(1, 3)},   {"zero", S_IFCHR, makedev(1, 5)},
                                {"full", S_IFCHR, makedev(1, 7)},   {"random", S_IFCHR, makedev(1, 8)},
                                {"urandom", S_IFCHR, makedev(1, 9)}, {"tty", S_IFCHR, makedev(5, 0)}};
  std::vector<std::pair<std::string, std::string>> links;
  for (const auto& [alias, path] : o.devices) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) die("stat " + path);
    std::string base = path.substr(path.rfind('/') + 1);
    nodes.push_back({base, S_IFBLK, st.st_rdev});
    if (!alias.empty() && alias != base) links.emplace_back(base, alias);
  }
  mount_fs("tmpfs", "/dev", "mode=755,size=16m", MS_NOSUID);
  for (const DevNode& n : nodes) {
    std::string path = "/dev/" + n.name;
    must(mknod(path.c_str(), n.type | 0666, n.rdev), "mknod " + path);
    // mknod obeys the umask; null, zero, urandom... must be usable by every user (postgres), the
    // disks only by root, as on a real host.
    must(chmod(path.c_str(), n.type == S_IFCHR ? 0666 : 0660), "chmod " + path);
  }
  for (const auto& [target, alias] : links) must(symlink(target.c_str(), ("/dev/" + alias).c_str()), "symlink " + alias);
  for (auto [name, target] : {std::pair{"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"},
                              {"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"},
                              {"ptmx", "pts/ptmx"}})
    must(symlink(target, (std::string("/dev/") + name).c_str()), std::string("symlink ") + name);
  make_dir("/dev/shm", 01777);
  mount_fs("tmpfs", "/dev/shm", "mode=1777", MS_NOSUID | MS_NODEV);
  make_dir("/dev/pts");
  mount_fs("devpts", "/dev/pts", "newinstance,ptmxmode=0666,mode=620", MS_NOSUID | MS_NOEXEC);
  // The fake watchdog: the harness reads this FIFO through /proc/<init>/root.
  must(mkfifo("/dev/watchdog", 0600), "mkfifo /dev/watchdog");
}

pid_t start_syslog(const Options& o) {
  make_dir("/run/sandbox-rsyslog");
  // Rate limiting off: tests log bursts and count lines.
  write_file("/run/sandbox-rsyslog/rsyslog.conf",
             "global(workDirectory=\"/run/sandbox-rsyslog\")\n"
             "module(load=\"imuxsock\" SysSock.Name=\"/dev/log\" SysSock.RateLimit.Interval=\"0\")\n" +
                 o.facility + ".* action(type=\"omfile\" file=\"/var/log/ha-log\" template=\"RSYSLOG_TraditionalFileFormat\")\n"
                 "*.*;" + o.facility + ".none action(type=\"omfile\" file=\"/var/log/messages\" template=\"RSYSLOG_TraditionalFileFormat\")\n");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    execl("/usr/sbin/rsyslogd", "rsyslogd", "-n", "-f", "/run/sandbox-rsyslog/rsyslog.conf", "-i",
          "/run/sandbox-rsyslog/rsyslogd.pid", static_cast<char*>(nullptr));
    _exit(127);
  }
  // The node is "ready" only when /dev/log accepts messages.
  struct stat st;
  for (int i = 0; i < 1000 && stat("/dev/log", &st) != 0; ++i) usleep(2000);
  return pid;
}

std::string now_text() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld.%03ld", static_cast<long long>(ts.tv_sec), ts.tv_nsec / 1000000);
  return buf;
}

// Reaps every child (our own and orphans re-parented to us) and logs who died and how.
[[noreturn]] void reap_forever() {
  for (;;) {
    siginfo_t info{};
    if (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0) {
      if (errno == ECHILD) {
        pause();  // nothing to reap until a process is started in the node
        continue;
      }
      continue;
    }
    pid_t pid = info.si_pid;
    char comm[64] = "?";
    std::string comm_path = "/proc/" + std::to_string(pid) + "/comm";
    if (FILE* f = std::fopen(comm_path.c_str(), "re")) {
      if (std::fgets(comm, sizeof comm, f)) comm[std::strcspn(comm, "\n")] = 0;
      std::fclose(f);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    char line[160];
    if (WIFEXITED(status))
      std::snprintf(line, sizeof line, "%s pid=%d name=%s exited=%d\n", now_text().c_str(), pid, comm, WEXITSTATUS(status));
    else
      std::snprintf(line, sizeof line, "%s pid=%d name=%s signal=%d\n", now_text().c_str(), pid, comm, WTERMSIG(status));
    int fd = open("/run/sandbox-init.log", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
      [[maybe_unused]] ssize_t n = write(fd, line, std::strlen(line));
      close(fd);
    }
  }
}

void handle_sigchld(int) {}  // only to interrupt pause()

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "sandbox-node-init: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--hostname") o.hostname = next();
    else if (a == "--state") o.state = next();
    else if (a == "--stage") o.stage = next();
    else if (a == "--shim") o.shim = next();
    else if (a == "--keep") o.keep.push_back(next());
    else if (a == "--facility") o.facility = next();
    else if (a == "--no-syslog") o.syslog = false;
    else if (a == "--dev") {
      std::string v = next();
      auto eq = v.find('=');
      if (eq == std::string::npos) o.devices.emplace_back("", v);
      else o.devices.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else {
      std::fprintf(stderr, "sandbox-node-init: unknown option %s\n", a.c_str());
      std::exit(2);
    }
  }
  if (o.hostname.empty() || o.state.empty()) {
    std::fprintf(stderr, "usage: sandbox-node-init --hostname NAME --state DIR [--stage DIR] [--shim SO] [--keep DIR]... "
                         "[--facility F] [--no-syslog] [--dev [ALIAS=]/dev/loopN]...\n");
    std::exit(2);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  if (getpid() != 1) {
    std::fprintf(stderr, "sandbox-node-init: must be PID 1 of a new PID namespace\n");
    return 2;
  }
  signal(SIGTERM, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa{};
  sa.sa_handler = handle_sigchld;
  sigaction(SIGCHLD, &sa, nullptr);

  must(sethostname(o.hostname.data(), o.hostname.size()), "sethostname");
  setup_filesystems(o);
  setup_dev(o);
  if (!o.shim.empty()) write_file("/etc/ld.so.preload", o.shim + "\n");
  else unlink("/etc/ld.so.preload");
  // Boot marker: gone after a reset (fresh /run), so tests can tell a reboot happened.
  write_file("/run/sandbox-boot", now_text() + "\n");
  umask(022);
  if (o.syslog) start_syslog(o);
  write_file("/run/sandbox-ready", o.hostname + "\n");
  reap_forever();
}
