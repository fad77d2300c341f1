// SPDX-License-Identifier: MIT
// Passwords for PFX files and encrypted keys (an environment variable or a silent prompt), and a
// guard that zeroises secrets when their scope ends.
#pragma once

#include <mbedtls/platform_util.h>

#include <optional>
#include <string>

#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

/// The password, or an error saying how to supply one. `what` names the file in prompts.
Result<std::string> obtain_password(const PasswordSource& source, const std::string& what);

/// Zeroises a buffer (a string or a byte vector) when the scope ends, whichever way it is left.
template <class Buffer>
class WipeOnExit {
 public:
  explicit WipeOnExit(Buffer& buffer) : buffer_(buffer) {}
  ~WipeOnExit() { mbedtls_platform_zeroize(buffer_.data(), buffer_.size()); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  Buffer& buffer_;
};

}  // namespace sipmtls::cert
