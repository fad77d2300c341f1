// SPDX-License-Identifier: MIT
// The finding codes as a user's reference (`sipmtls codes`), from findings.def and the profiles.
#pragma once

#include <optional>
#include <string>

#include "sipmtls/finding.hpp"

namespace sipmtls::report {

/// "0x800B0110 CERT_E_WRONG_USAGE / 0x80090328 SEC_E_CERT_EXPIRED", or empty when Windows has none.
std::string windows_text(const FindingInfo& info);

/// Every code (or the one given) with its meaning, Windows errors, LCS event and the profiles
/// that raise it.
std::string render_codes_text(std::optional<FindingCode> only);
std::string render_codes_json(std::optional<FindingCode> only);

}  // namespace sipmtls::report
