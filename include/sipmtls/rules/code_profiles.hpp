// SPDX-License-Identifier: MIT
// Which profiles raise a finding code, and how severely: `sipmtls codes`, read off the profile table.
#pragma once

#include <string_view>
#include <vector>

#include "sipmtls/finding.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::rules {

struct ProfileUse {
  Profile profile;
  Severity severity;  ///< without --x509-strict
  std::string_view when;  ///< what makes this profile raise it, when that is narrower than the code's meaning
};

/// Every profile that raises the code, in profile order; connection findings (TCP, TLS, SIP) come
/// from every profile alike.
std::vector<ProfileUse> profiles_raising(FindingCode code);

}  // namespace sipmtls::rules
