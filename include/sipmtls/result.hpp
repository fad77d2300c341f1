// SPDX-License-Identifier: MIT
// Result<T>: a value or an operational error (bad input, internal failure), never both.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sipmtls {

/// Why a check could not run: Input maps to exit code 2, Internal to exit code 3.
enum class ErrorKind { Input, Internal };

/// What a caller may act on: a missing or wrong password can be asked for (again); an identity
/// without a private key is reported as PRIVATE_KEY_MISSING where a check was expected.
enum class ErrorCause { Unspecified, Password, NoPrivateKey };

struct Error {
  ErrorKind kind = ErrorKind::Input;
  std::string message;  ///< One line naming the file or argument and the problem.
  ErrorCause cause = ErrorCause::Unspecified;
};

inline Error input_error(std::string message) { return {ErrorKind::Input, std::move(message)}; }
/// An input error because a password is needed or does not fit.
inline Error password_error(std::string message) {
  return {ErrorKind::Input, std::move(message), ErrorCause::Password};
}
inline Error internal_error(std::string message) {
  return {ErrorKind::Internal, std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}     // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace sipmtls
