#include "common/child_process.h"

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <chrono>
#include <thread>

using namespace pacer;

namespace {
// kill(pid, 0) succeeds on a zombie, and an orphan is reaped late by the host's init, so a process
// counts as gone when /proc no longer has it or shows it as a zombie.
bool process_gone(pid_t pid) {
  FILE* f = std::fopen(fmt::format("/proc/{}/stat", pid).c_str(), "r");
  if (!f) return true;
  int ignored_pid;
  char state = '?';
  int n = std::fscanf(f, "%d %*s %c", &ignored_pid, &state);
  std::fclose(f);
  return n == 2 && (state == 'Z' || state == 'X');
}
}  // namespace
using namespace std::chrono_literals;

TEST_CASE("a child's exit code and output are captured") {
  auto status = run_process({.argv = {"sh", "-c", "echo out; echo err >&2; exit 7"}});
  REQUIRE(status);
  CHECK(status->exited);
  CHECK(status->code == 7);
  CHECK(status->stdout_text == "out\n");
  CHECK(status->stderr_text == "err\n");
  CHECK_FALSE(status->succeeded());
  CHECK(status->describe() == "exit code 7");
}

TEST_CASE("stdin data reaches the child") {
  auto status = run_process({.argv = {"cat"}, .stdin_data = std::string("hello\n")});
  REQUIRE(status);
  CHECK(status->succeeded());
  CHECK(status->stdout_text == "hello\n");
}

TEST_CASE("a program that cannot be executed is an error, not exit 127") {
  auto child = ChildProcess::spawn({.argv = {"/nonexistent/program"}});
  REQUIRE_FALSE(child);
  CHECK(child.error_message().find("cannot execute /nonexistent/program") != std::string::npos);
  CHECK(child.error_message().find("No such file") != std::string::npos);
}

TEST_CASE("the environment is exactly what was given") {
  auto status = run_process({.argv = {"/usr/bin/env"}, .env = std::vector<std::string>{"A=1", "B=two"}});
  REQUIRE(status);
  CHECK(status->stdout_text == "A=1\nB=two\n");
}

TEST_CASE("a timeout kills the whole process group, grandchildren included") {
  // The grandchild writes its pid and sleeps; it must be gone after the timeout.
  auto start = std::chrono::steady_clock::now();
  auto status = run_process(
      {.argv = {"sh", "-c", "sleep 30 & echo $!; wait"}}, 200ms);
  REQUIRE(status);
  CHECK(status->timed_out);
  CHECK_FALSE(status->exited);
  CHECK(status->signal == SIGTERM);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  pid_t grandchild = std::stoi(status->stdout_text);
  // The grandchild is in the same group; it got SIGTERM and then SIGKILL. Give the kernel a moment.
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = process_gone(grandchild);
    if (!gone) std::this_thread::sleep_for(10ms);
  }
  CHECK(gone);
}

TEST_CASE("a child that ignores SIGTERM is killed after the grace period") {
  auto child = ChildProcess::spawn({.argv = {"sh", "-c", "trap '' TERM; echo ready; sleep 30"}});
  REQUIRE(child);
  auto status = child->wait(100ms, 200ms);
  REQUIRE(status);
  CHECK(status->timed_out);
  CHECK(status->signal == SIGKILL);
}

TEST_CASE("destroying a running child kills and reaps it") {
  pid_t pid;
  {
    auto child = ChildProcess::spawn({.argv = {"sleep", "30"}});
    REQUIRE(child);
    pid = child->pid();
    CHECK(child->running());
  }
  CHECK(process_gone(pid));
}
