// Status and Result<T>: the one way pacer code reports failure.
//
// A failure carries a message that already says where and why ("ha.cf:12: deadtime must be larger
// than 2 * keepalive"); callers add context as the error travels up (`with_context`). No exception
// crosses a library boundary; exit codes exist only in main().
#pragma once

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace pacer {

class Status {
 public:
  Status() = default;  // success

  static Status ok() { return Status(); }
  static Status error(std::string message) { return Status(std::move(message)); }
  // An error from a failed system call: appends strerror(errnum).
  static Status from_errno(std::string_view what, int errnum = errno) {
    return Status(fmt::format("{}: {}", what, std::strerror(errnum)), errnum);
  }

  bool is_ok() const { return !failed_; }
  explicit operator bool() const { return is_ok(); }
  const std::string& message() const { return message_; }
  // The errno of a system-call failure, 0 otherwise.
  int sys_errno() const { return errnum_; }

  // Prefixes the message with where the error was met: "loading ha.cf: <message>".
  Status with_context(std::string_view context) const& {
    if (is_ok()) return *this;
    return Status(fmt::format("{}: {}", context, message_), errnum_);
  }

 private:
  explicit Status(std::string message, int errnum = 0)
      : failed_(true), message_(std::move(message)), errnum_(errnum) {}

  bool failed_ = false;
  std::string message_;
  int errnum_ = 0;
};

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status error) : state_(std::move(error)) {  // NOLINT
    if (std::get<Status>(state_).is_ok())
      state_ = Status::error("internal error: Result built from a success Status");
  }

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return is_ok(); }

  // Precondition: is_ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The failure; Status::ok() when there is a value.
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }
  const std::string& error_message() const {
    static const std::string none;
    return is_ok() ? none : std::get<Status>(state_).message();
  }

  Result with_context(std::string_view context) && {
    if (is_ok()) return std::move(*this);
    return std::get<Status>(state_).with_context(context);
  }

 private:
  std::variant<T, Status> state_;
};

}  // namespace pacer
