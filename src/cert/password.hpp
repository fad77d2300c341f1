// SPDX-License-Identifier: MIT
// Passwords for PFX files and encrypted keys: from an environment variable or a silent prompt.
#pragma once

#include <optional>
#include <string>

#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

/// The password, or an error saying how to supply one. `what` names the file in prompts.
Result<std::string> obtain_password(const PasswordSource& source, const std::string& what);

/// Overwrites a string's characters before it is released.
void wipe(std::string& secret);

}  // namespace sipmtls::cert
